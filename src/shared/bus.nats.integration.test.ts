import { randomUUID } from 'node:crypto';
import { busConformance } from './bus.conformance.ts';
import { createNatsBus } from './bus.nats.ts';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

// Each test gets its own stream and subject prefix so runs never see each other's events.
busConformance(
  'nats jetstream (real server)',
  async () => {
    const tag = randomUUID().replace(/-/g, '').slice(0, 12);
    return createNatsBus({ url, stream: `T_${tag}`, prefix: `t${tag}`, deleteStreamOnClose: true });
  },
  { settleMs: 150 },
);

import { createPlatform } from './app.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const platform = await createPlatform(config);
await platform.listen();
platform.log.info({ port: config.port, host: config.host, storage: platform.db.kind, bus: platform.bus.kind }, 'Bình Yên is running');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    platform.log.info({ signal }, 'shutting down');
    platform
      .close()
      .then(() => process.exit(0))
      .catch((err) => {
        platform.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  });
}

import { interpret } from '../dc09/events.ts';
import type { ReceivedFrame } from './ports.ts';

/** A ReceivedFrame for store tests (tests only). */
export function makeFrame(over: Partial<ReceivedFrame> & { data?: string } = {}): ReceivedFrame {
  const { data = 'Nri1/FA001', ...rest } = over;
  const token = rest.token ?? 'SIA-DCS';
  const r = token === 'NULL' ? null : interpret(token, { data, extended: [], timestamp: null });
  return {
    account: '1234',
    receiver: '1',
    line: '1',
    sequence: '0001',
    token,
    encrypted: false,
    events: r && r.ok ? r.events : [],
    messageTime: null,
    receivedAt: new Date('2026-01-15T01:02:03Z'),
    raw: `"${token}"0001R1L1#1234[${data}]`,
    plaintext: null,
    transport: 'tcp',
    remoteAddr: '127.0.0.1',
    ...rest,
  };
}

import { createHash } from 'node:crypto';

/**
 * Options of the alarm simulator (`npm run alarm:sim -- ...`), parsed from the command line (pure).
 */
export const MESSAGE_KINDS = ['heartbeat', 'fire', 'trouble', 'restore'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface SimOptions {
  accounts: number;
  /** Messages per second, over all accounts. */
  rate: number;
  /** Relative weights of the message kinds. */
  mix: Record<MessageKind, number>;
  transport: 'tcp' | 'udp';
  /** Share of accounts (0..1) that encrypt (AES-128, key derived from keySeed). */
  encrypted: number;
  durationS: number;
  host: string;
  port: number;
  /** Message format: SIA-DCS, ADM-CID (Contact ID) or both alternately. */
  format: 'sia' | 'cid' | 'mixed';
  /** Accounts are PREFIX + 4 hex digits: DE0001, DE0002, ... */
  prefix: string;
  keySeed: string;
  /** Registration through the HTTP API (omit when the accounts exist already). */
  register: { url: string; user: string; password: string } | null;
  /** Answer timeout per message. */
  timeoutMs: number;
  /** Heartbeat interval declared for the registered accounts (seconds; 0 = none). */
  heartbeatS: number;
  /** Seed of the message generator (same seed, same sequence of choices). */
  seed: number;
}

export const DEFAULT_SIM_OPTIONS: SimOptions = {
  accounts: 10,
  rate: 10,
  mix: { heartbeat: 70, fire: 5, trouble: 15, restore: 10 },
  transport: 'tcp',
  encrypted: 0.5,
  durationS: 30,
  host: '127.0.0.1',
  port: 12128,
  format: 'mixed',
  prefix: 'DE',
  keySeed: 'binh-yen-demo',
  register: null,
  timeoutMs: 5000,
  heartbeatS: 0,
  seed: 1,
};

export const USAGE = `npm run alarm:sim -- [options]
  --accounts N          demo accounts (default 10)
  --rate R              messages per second, all accounts together (default 10)
  --mix heartbeat=70,fire=5,trouble=15,restore=10
  --transport tcp|udp   (default tcp)
  --encrypted 50%       share of accounts that encrypt (AES-128; default 50%)
  --duration S          seconds (default 30)
  --host H --port P     receiver (default 127.0.0.1:12128)
  --format sia|cid|mixed  SIA-DCS, ADM-CID or both (default mixed)
  --register URL        register the accounts first through the HTTP API (e.g. http://127.0.0.1:8080)
  --user U --password P staff login for --register (admin; password also from ALARM_SIM_PASSWORD)
  --heartbeat S         declared heartbeat interval of registered accounts (default none)
  --prefix HEX          account prefix (default DE → DE0001...)
  --key-seed TEXT       keys are derived from it, so runs without --register can encrypt too
  --timeout MS          answer timeout (default 5000)
  --seed N              generator seed (default 1)`;

export class SimUsageError extends Error {}

function parsePercent(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(v.trim());
  if (!m) throw new SimUsageError(`--encrypted: expected a percentage, got "${v}"`);
  const n = Number(m[1]);
  const f = m[2] === '%' || n > 1 ? n / 100 : n;
  if (f < 0 || f > 1) throw new SimUsageError('--encrypted must be between 0% and 100%');
  return f;
}

export function parseMix(v: string): Record<MessageKind, number> {
  const mix: Record<MessageKind, number> = { heartbeat: 0, fire: 0, trouble: 0, restore: 0 };
  for (const part of v.split(',').filter(Boolean)) {
    const [k, n] = part.split('=');
    if (!MESSAGE_KINDS.includes(k as MessageKind) || n === undefined || !/^\d+(\.\d+)?$/.test(n)) {
      throw new SimUsageError(`--mix: expected kind=weight with kinds ${MESSAGE_KINDS.join(', ')}, got "${part}"`);
    }
    mix[k as MessageKind] = Number(n);
  }
  if (Object.values(mix).every((n) => n === 0)) throw new SimUsageError('--mix: at least one weight must be positive');
  return mix;
}

const int = (name: string, v: string, min: number, max: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new SimUsageError(`--${name}: expected an integer ${min}..${max}, got "${v}"`);
  return n;
};

export function parseSimArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): SimOptions {
  const o: SimOptions = { ...DEFAULT_SIM_OPTIONS, mix: { ...DEFAULT_SIM_OPTIONS.mix } };
  let url: string | null = null;
  let user = 'admin';
  let password = env.ALARM_SIM_PASSWORD ?? '';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new SimUsageError(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new SimUsageError(`--${name} needs a value`);
      return v;
    };
    switch (name) {
      case 'accounts': o.accounts = int(name, value(), 1, 65_535); break;
      case 'rate': {
        const v = Number(value());
        if (!(v > 0 && v <= 100_000)) throw new SimUsageError('--rate: expected 0 < R ≤ 100000');
        o.rate = v;
        break;
      }
      case 'mix': o.mix = parseMix(value()); break;
      case 'transport': {
        const v = value();
        if (v !== 'tcp' && v !== 'udp') throw new SimUsageError('--transport: tcp or udp');
        o.transport = v;
        break;
      }
      case 'encrypted': o.encrypted = parsePercent(value()); break;
      case 'duration': {
        const v = Number(value());
        if (!(v > 0 && v <= 7 * 86_400)) throw new SimUsageError('--duration: seconds > 0');
        o.durationS = v;
        break;
      }
      case 'host': o.host = value(); break;
      case 'port': o.port = int(name, value(), 1, 65_535); break;
      case 'format': {
        const v = value();
        if (v !== 'sia' && v !== 'cid' && v !== 'mixed') throw new SimUsageError('--format: sia, cid or mixed');
        o.format = v;
        break;
      }
      case 'register': url = value().replace(/\/+$/, ''); break;
      case 'user': user = value(); break;
      case 'password': password = value(); break;
      case 'heartbeat': o.heartbeatS = int(name, value(), 0, 7 * 86_400); break;
      case 'prefix': {
        const v = value().toUpperCase();
        if (!/^[0-9A-F]{0,12}$/.test(v)) throw new SimUsageError('--prefix: up to 12 hex digits');
        o.prefix = v;
        break;
      }
      case 'key-seed': o.keySeed = value(); break;
      case 'timeout': o.timeoutMs = int(name, value(), 10, 120_000); break;
      case 'seed': o.seed = int(name, value(), 0, 2 ** 31 - 1); break;
      default: throw new SimUsageError(`unknown option --${name}`);
    }
  }
  if (o.prefix.length + 4 < 3) throw new SimUsageError('--prefix too short');
  if (url) {
    if (!/^https?:\/\//.test(url)) throw new SimUsageError('--register: expected an http(s) URL');
    if (!password) throw new SimUsageError('--register needs --password (or ALARM_SIM_PASSWORD)');
    o.register = { url, user, password };
  }
  return o;
}

/** Account id of the i-th demo account (0-based). */
export const simAccount = (o: Pick<SimOptions, 'prefix'>, i: number) => `${o.prefix}${(i + 1).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first round(accounts × encrypted) accounts encrypt. */
export const isEncrypted = (o: Pick<SimOptions, 'accounts' | 'encrypted'>, i: number) => i < Math.round(o.accounts * o.encrypted);

/** AES-128 key (32 hex digits) of an account, derived from the key seed: the same on every run. */
export const simKey = (o: Pick<SimOptions, 'keySeed'>, account: string) => createHash('sha256').update(`${o.keySeed}:${account}`).digest('hex').slice(0, 32).toUpperCase();

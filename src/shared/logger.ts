import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Paths redacted from every log line. Personal data (phone numbers, ID numbers, names, addresses,
 * message texts, transcripts, passwords, cookies) must never reach the logs (Law 91/2025/QH15).
 * Code should not log such fields at all; this is the safety net.
 */
export const REDACT_PATHS = [
  'password', '*.password', 'text', '*.text', 'transcript', '*.transcript', 'phone', '*.phone',
  'idNumber', '*.idNumber', 'address', '*.address', 'name', '*.name', 'fullName', '*.fullName',
  'contact', '*.contact', 'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/** The platform's logger (JSON lines on stdout, or on `destination` — benchmarks pass /dev/null to pay the same cost). */
export function createLogger(level: string, opts: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'binh-yen' },
    serializers: {
      // Never log query strings, bodies or client addresses: addresses and phone numbers travel in them.
      req: (req: { method?: string; url?: string; routeOptions?: { url?: string } }) => ({
        method: req.method,
        url: req.routeOptions?.url ?? req.url?.split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    ...opts,
  };
  return destination ? pino(options, destination) : pino(options);
}

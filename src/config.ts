import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
/** `*`, or a scheme://host[:port] origin (a leading `*.` wildcard label allowed), as CSP frame-ancestors accepts. */
const WIDGET_ORIGIN = /^(\*|https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?)$/i;

const schema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z.string().url().optional(),
  NATS_URL: z.string().min(1).optional(),
  ALARM_PORT: port.default(12128),
  SIP_PORT: port.default(5060),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  ADMIN_GEOJSON: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  CHAT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  ZALO_OA_SECRET: z.string().min(1).optional(),
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_OA_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_API_BASE: z.string().url().optional(),
  COOKIE_SECURE: z.enum(['0', '1', 'true', 'false']).optional(),
  // The agency's domain name, which identifies it in EIDO exports and CAP warnings (sender, identifiers).
  AGENCY_ID: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'tên miền của cơ quan, ví dụ congan.hanoi.gov.vn').optional(),
  // Sites allowed to embed the chat widget's iframe (/chat-embed): comma list of origins for CSP frame-ancestors.
  WIDGET_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ?? '*').split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(WIDGET_ORIGIN, 'mỗi giá trị là * hoặc một origin như https://congan.hanoi.gov.vn (cho phép https://*.hanoi.gov.vn)')).min(1)),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  natsUrl: string | undefined;
  alarmPort: number;
  sipPort: number;
  adminPassword: string | undefined;
  adminGeojson: string | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  demo: boolean;
  chatRetentionDays: number;
  cookieSecure: boolean;
  /** Unset: the reserved `.invalid` name in src/dispatch (never a real agency's). */
  agencyId: string | undefined;
  zalo: { secret: string | undefined; appId: string | undefined; accessToken: string | undefined; apiBase: string };
  /** CSP frame-ancestors of the embeddable chat (/chat-embed); `['*']` = any site. Every other page stays 'self'. */
  widgetAllowedOrigins: string[];
};

const DEFAULT_GEOJSON = '../shared/data/hanoi_units_2025.geojson';

/** Reads and validates the environment once; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Cấu hình môi trường không hợp lệ (invalid environment): ${issues}`);
  }
  const e = parsed.data;
  const defaultGeo = path.resolve(cwd, DEFAULT_GEOJSON);
  const truthy = (v: string | undefined) => v === '1' || v === 'true';
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    natsUrl: e.NATS_URL,
    alarmPort: e.ALARM_PORT,
    sipPort: e.SIP_PORT,
    adminPassword: e.ADMIN_PASSWORD,
    adminGeojson: e.ADMIN_GEOJSON ? path.resolve(cwd, e.ADMIN_GEOJSON) : existsSync(defaultGeo) ? defaultGeo : undefined,
    logLevel: e.LOG_LEVEL,
    demo: truthy(e.DEMO),
    chatRetentionDays: e.CHAT_RETENTION_DAYS,
    cookieSecure: truthy(e.COOKIE_SECURE),
    agencyId: e.AGENCY_ID,
    zalo: {
      secret: e.ZALO_OA_SECRET,
      appId: e.ZALO_APP_ID,
      accessToken: e.ZALO_OA_ACCESS_TOKEN,
      apiBase: e.ZALO_API_BASE ?? 'https://openapi.zalo.me',
    },
    widgetAllowedOrigins: e.WIDGET_ALLOWED_ORIGINS,
  };
}

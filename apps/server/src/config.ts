import path from 'node:path';
import { z } from 'zod';

/** The only module that reads process.env. Every problem is reported at once. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  /** Secure cookies: 'auto' sets Secure when the request came over TLS (directly or via a trusted proxy). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Create the demo data on first start (default: yes on PGlite, no on PostgreSQL). */
  DEMO_DATA: z.enum(['true', 'false']).optional(),
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Optional OpenAI-compatible endpoint that may rewrite needs syntheses (off unless both are set). */
  LLM_URL: z.url().optional(),
  LLM_MODEL: z.string().min(1).max(200).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /** Reminder gateways; without them reminders are stored and shown, not sent. */
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default('Présence <no-reply@presence.local>'),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  SMS_SENDER: z.string().min(1).max(11).optional(),
  REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Telemonitoring clock: missing-data checks and escalation of unacknowledged alerts. */
  TM_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Optional MQTT broker for device measurements (topic scheme in docs/telemonitoring.md). */
  MQTT_URL: z.url().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  session: { idleMs: number; absoluteMs: number; cookieSecure: 'auto' | boolean };
  trustProxy: boolean;
  demoData: boolean;
  loginLimit: { perIp: number; perAccount: number; windowMs: number };
  /** Null when no rewriting model is configured (the default). */
  llm: { baseUrl: string; model: string; apiKey?: string; timeoutMs: number } | null;
  gateways: { smtpUrl?: string; mailFrom: string; smsUrl?: string; smsToken?: string; smsSender?: string };
  reminderIntervalMs: number;
  telemonitoring: { checkIntervalMs: number; mqttUrl?: string };
  version: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const VERSION = '0.1.0';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (DATABASE_URL= in a shell or a .env file).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (!e.LLM_URL !== !e.LLM_MODEL) throw new ConfigError(['LLM_URL and LLM_MODEL: set both to use a rewriting model, or neither']);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    session: {
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
      cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    },
    trustProxy: e.TRUST_PROXY,
    demoData: e.DEMO_DATA ? e.DEMO_DATA === 'true' : !e.DATABASE_URL,
    loginLimit: { perIp: e.LOGIN_MAX_PER_IP, perAccount: e.LOGIN_MAX_PER_ACCOUNT, windowMs: e.LOGIN_WINDOW_MINUTES * 60_000 },
    llm:
      e.LLM_URL && e.LLM_MODEL
        ? { baseUrl: e.LLM_URL, model: e.LLM_MODEL, ...(e.LLM_API_KEY ? { apiKey: e.LLM_API_KEY } : {}), timeoutMs: e.LLM_TIMEOUT_SECONDS * 1000 }
        : null,
    gateways: { smtpUrl: e.SMTP_URL, mailFrom: e.MAIL_FROM, smsUrl: e.SMS_GATEWAY_URL, smsToken: e.SMS_GATEWAY_TOKEN, smsSender: e.SMS_SENDER },
    reminderIntervalMs: e.REMINDER_INTERVAL_SECONDS * 1000,
    telemonitoring: { checkIntervalMs: e.TM_CHECK_INTERVAL_SECONDS * 1000, ...(e.MQTT_URL ? { mqttUrl: e.MQTT_URL } : {}) },
    version: VERSION,
  };
}

/** A configuration for tests: in-memory friendly defaults, overridable. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'false' }), ...overrides };
}

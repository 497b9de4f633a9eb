import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths';

const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'must be one of true, false, 1, 0, yes, no',
  })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The one place that reads process.env. Every key is documented in the README's configuration table.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: positiveInt(0, 65535).default(3000),
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(path.join(projectRoot, 'data', 'feedback.db')),
  /** Base URL printed on posters and in QR codes. Never taken from the Host header. */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
    .default('http://localhost:3000'),
  /** Secret for signing submission and CSRF tokens. When unset, one is generated and kept in the database. */
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Set when the app is served over HTTPS (directly or behind a proxy): cookies get the Secure flag. */
  COOKIE_SECURE: booleanFromString.default(false),
  /** Number of proxy hops to trust for the client address (used only for rate limiting, never stored). */
  TRUST_PROXY: positiveInt(0, 10).default(0),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Largest request body accepted, in kilobytes. */
  BODY_LIMIT_KB: positiveInt(8, 1024).default(256),
  /** How long a survey form may stay open before its submission token expires. */
  SUBMISSION_TOKEN_TTL_HOURS: positiveInt(1, 168).default(24),
  /** How long a survey's unsent answers are kept (from the last page sent) before they are deleted. */
  DRAFT_TTL_MINUTES: positiveInt(1, 1440).default(30),
  SERVICE_NAME: z.string().min(1).max(60).default('Share your feedback'),
  TRUST_NAME: z.string().min(1).default('Kent and Medway NHS and Social Care Partnership Trust'),
  TRUST_ODS_CODE: z
    .string()
    .regex(/^[A-Z0-9]{3,5}$/, 'must be an ODS code such as RXY')
    .default('RXY'),
  /** Trust crisis line shown on every survey and thank-you page (confirm locally). */
  CRISIS_LINE_NUMBER: z
    .string()
    .regex(/^[0-9 ]{6,20}$/, 'must be a phone number of digits and spaces')
    .default('0800 783 9111'),
  CRISIS_LINE_NAME: z.string().min(1).default('Kent and Medway mental health crisis line'),
  ORGANISATION_FILE: z
    .string()
    .min(1)
    .default(path.join(projectRoot, 'data', 'organisation.json')),
  RISK_PHRASES_FILE: z
    .string()
    .min(1)
    .default(path.join(projectRoot, 'data', 'risk-phrases.json')),
  SURVEYS_DIR: z
    .string()
    .min(1)
    .default(path.join(projectRoot, 'data', 'surveys')),
  /** Raw comment text is removed this many months after submission (confirm with the trust's records policy). */
  RETENTION_COMMENT_TEXT_MONTHS: positiveInt(1, 240).default(24),
  /** How often the server applies the retention rules (0 = never; use `npm run db:purge`). */
  RETENTION_PURGE_INTERVAL_HOURS: positiveInt(0, 24 * 31).default(24),
  /** Staff sessions end after this long without a request, and after the absolute lifetime whatever happens. */
  SESSION_IDLE_MINUTES: positiveInt(1, 480).default(30),
  SESSION_ABSOLUTE_HOURS: positiveInt(1, 24).default(12),
  /** argon2id cost for staff passwords; never below OWASP's minimum (m=19 MiB, t=2, p=1). */
  ARGON2_MEMORY_KIB: positiveInt(19_456, 1_048_576).default(19_456),
  ARGON2_TIME_COST: positiveInt(2, 10).default(2),
  ARGON2_PARALLELISM: positiveInt(1, 8).default(1),
  /** Failed staff sign-ins allowed from one client address per 15 minutes. */
  SIGN_IN_ADDRESS_LIMIT: positiveInt(10, 10_000).default(100),
  /** How long a one-time password link issued by an admin stays valid. */
  PASSWORD_LINK_TTL_HOURS: positiveInt(1, 168).default(24),
  /** Survey submissions allowed from one client address per window (a busy ward kiosk must never reach it). */
  SUBMIT_RATE_LIMIT: positiveInt(10, 100_000).default(600),
  SUBMIT_RATE_WINDOW_MINUTES: positiveInt(1, 1440).default(10),
  COMMON_PASSWORDS_FILE: z
    .string()
    .min(1)
    .default(path.join(projectRoot, 'data', 'common-passwords.txt')),
  /** Our modes, roles and teams -> the NHS England FFT return's columns and rows (docs/reporting.md). */
  FFT_RETURN_MAPPING_FILE: z
    .string()
    .min(1)
    .default(path.join(projectRoot, 'data', 'fft-return-mapping.json')),
  /** How long a graceful shutdown may wait for in-flight requests before closing anyway. */
  SHUTDOWN_TIMEOUT_MS: positiveInt(100, 120_000).default(10_000),
  /** Start-up runs PRAGMA quick_check on databases up to this size; larger ones get a structure check only. */
  STARTUP_QUICK_CHECK_MAX_MB: positiveInt(0, 1_000_000).default(64),
  /** Scheduled online backups: where, how often (0 = off; 1440 = daily) and how many to keep. */
  BACKUP_DIR: z
    .string()
    .min(1)
    .default(path.join(projectRoot, 'data', 'backups')),
  BACKUP_INTERVAL_MINUTES: positiveInt(0, 10_080).default(0),
  BACKUP_KEEP: positiveInt(1, 1_000).default(14),
  /** Kiosks (docs/kiosks.md): seconds without input before "Are you still there?", its countdown (at least 30),
   * the thank-you page's return to the start, how long a kiosk's unsent answers live, and when a kiosk is silent. */
  KIOSK_IDLE_SECONDS: positiveInt(5, 3_600).default(90),
  KIOSK_COUNTDOWN_SECONDS: positiveInt(30, 600).default(45),
  KIOSK_RETURN_SECONDS: positiveInt(3, 600).default(20),
  KIOSK_DRAFT_TTL_MINUTES: positiveInt(1, 60).default(10),
  KIOSK_SILENT_AFTER_MINUTES: positiveInt(2, 10_080).default(15),
  /**
   * Store survey posts on a worker thread with its own connection (docs/decisions/0006-store-worker.md); off stores
   * them on the main thread. Never used for an in-memory database (a second connection would see another one).
   */
  STORE_WORKER: booleanFromString.default(true),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses configuration from an environment-like object; throws ConfigError naming each bad key. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const result = configSchema.safeParse(known);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}

import { isAbsolute, resolve } from 'node:path';

/** Everything the service reads from its environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStoreUrl?: string;
  mongodbUrl?: string;
  adminToken?: string;
  logLevel: string;
  bodyLimitBytes: number;
  /** CSV imports (daftar arsip) are larger than JSON commands: 10,000 rows are about 1.2 MB. */
  importBodyLimitBytes: number;
  rateLimitPerMinute: number;
  /** Requests without a valid token per client address per minute before 429 (token guessing). */
  authFailuresPerMinute: number;
  corsOrigins: string[];
  /** Run the projector inside the API process (the default); off for API replicas. */
  runProjector: boolean;
  /** The letterhead and signing place of every printed document (JEJAK_DOC_*). */
  documents: DocumentsConfig;
  /** Where people open the app; label QR codes hold `<publicBaseUrl>/i/<itemId>`. */
  publicBaseUrl: string;
  /** The verifiable log's origin line (one per deployment), also the signing key's name. */
  logOrigin: string;
  /** A signing key in Go's note form (PRIVATE+KEY+…); absent = the one kept in the data directory. */
  logSigningKey?: string;
  /** A new checkpoint is signed when the tree has grown and this many seconds have passed. */
  logCheckpointSeconds: number;
  /** A request whose headers and body have not all arrived by then is answered 408 and cut. */
  requestTimeoutMs: number;
  /** A handover offer not accepted within this many hours lapses (JEJAK_HANDOVER_TTL_HOURS). */
  handoverTtlHours: number;
  /** A kode serah counts for a handover within this many minutes of its issue (JEJAK_RELEASE_CODE_TTL_MINUTES). */
  releaseCodeTtlMinutes: number;
  /**
   * Which peers' X-Forwarded-For is believed for the client address (Fastify's trustProxy):
   * false (default), true (every peer), a hop count, or a list of addresses / CIDR ranges.
   */
  trustProxy: boolean | number | string[];
  /** Sign-in sessions (README "Sign-in and sessions"). */
  session: {
    idleMs: number;
    /** Mark the cookie Secure: set when the service is reached over HTTPS. */
    cookieSecure: boolean;
    /** Failed sign-ins of one id before each further try must wait (1 s, doubling). */
    slowAfter: number;
    /** Failed sign-ins of one id before it is locked (an address: three times as many). */
    lockAfter: number;
    lockMs: number;
  };
}

export interface DocumentsConfig {
  regency: string;
  agency: string;
  address: string;
  place: string;
  mengetahui: string;
  /** The countersigning official's name and NIP, when they should be printed rather than written in. */
  mengetahuiName: string | null;
  mengetahuiNip: string | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** A positive number (fractions allowed: 0.5 is half an hour) up to `max`. */
function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new ConfigError(name, `must be a number of hours above 0 and at most ${max}, got "${raw}"`);
  }
  return value;
}

function optionalUrl(env: NodeJS.ProcessEnv, name: string, schemes: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!schemes.some((scheme) => raw.startsWith(`${scheme}://`))) {
    throw new ConfigError(name, `must start with ${schemes.map((s) => `${s}://`).join(' or ')}`);
  }
  return raw;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function documentsConfig(env: NodeJS.ProcessEnv): DocumentsConfig {
  const text = (name: string, fallback: string) => (env[name] ?? '').trim() || fallback;
  return {
    regency: text('JEJAK_DOC_REGENCY', 'Pemerintah Kabupaten Bekasi'),
    agency: text('JEJAK_DOC_AGENCY', 'Dinas Perpustakaan dan Kearsipan'),
    address: text(
      'JEJAK_DOC_ADDRESS',
      'Kompleks Perkantoran Pemerintah Kabupaten Bekasi, Desa Sukamahi, Kecamatan Cikarang Pusat',
    ),
    place: text('JEJAK_DOC_PLACE', 'Cikarang Pusat'),
    mengetahui: text('JEJAK_DOC_MENGETAHUI', 'Kepala Dinas Perpustakaan dan Kearsipan Kabupaten Bekasi'),
    mengetahuiName: (env.JEJAK_DOC_MENGETAHUI_NAME ?? '').trim() || null,
    mengetahuiNip: (env.JEJAK_DOC_MENGETAHUI_NIP ?? '').trim() || null,
  };
}

function publicBaseUrl(env: NodeJS.ProcessEnv): string {
  const raw = (env.JEJAK_PUBLIC_BASE_URL ?? '').trim();
  if (raw === '') return `http://localhost:${env.PORT || 3000}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('JEJAK_PUBLIC_BASE_URL', `must be an http:// or https:// URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('JEJAK_PUBLIC_BASE_URL', `must be an http:// or https:// URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/** A C2SP origin: one line, no spaces or '+' (it also names the signing key). */
function logOrigin(env: NodeJS.ProcessEnv): string {
  const origin = env.JEJAK_LOG_ORIGIN || 'jejak.bekasikab.go.id/log';
  if (!/^[\x21-\x2a\x2c-\x7e]{1,200}$/.test(origin)) {
    throw new ConfigError('JEJAK_LOG_ORIGIN', 'must be printable ASCII without spaces or "+"');
  }
  return origin;
}

function trustProxy(env: NodeJS.ProcessEnv): boolean | number | string[] {
  const raw = (env.JEJAK_TRUST_PROXY ?? '').trim();
  if (raw === '') return false;
  if (/^\d+$/.test(raw)) return integer(env, 'JEJAK_TRUST_PROXY', 0, 0, 100);
  if (['true', 'yes', 'on', 'false', 'no', 'off'].includes(raw.toLowerCase())) {
    return flag(env, 'JEJAK_TRUST_PROXY', false);
  }
  const list = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = list.find((entry) => !/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      'JEJAK_TRUST_PROXY',
      `must be true, false, a hop count or a comma-separated list of proxy addresses or CIDR ranges; "${bad}" is none of these`,
    );
  }
  return list;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = env.JEJAK_DATA_DIR || './data';
  const logLevel = env.JEJAK_LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('JEJAK_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const adminToken = env.JEJAK_ADMIN_TOKEN || undefined;
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir),
    eventStoreUrl: optionalUrl(env, 'EVENTSTORE_URL', [
      'kurrentdb',
      'esdb',
      'kurrentdb+discover',
      'esdb+discover',
    ]),
    mongodbUrl: optionalUrl(env, 'MONGODB_URL', ['mongodb', 'mongodb+srv']),
    adminToken,
    logLevel,
    bodyLimitBytes: integer(env, 'JEJAK_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    importBodyLimitBytes: integer(env, 'JEJAK_IMPORT_LIMIT_BYTES', 16 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    rateLimitPerMinute: integer(env, 'JEJAK_RATE_LIMIT_PER_MINUTE', 6000, 1, 1_000_000),
    authFailuresPerMinute: integer(env, 'JEJAK_AUTH_FAILURES_PER_MINUTE', 120, 1, 1_000_000),
    corsOrigins: (env.JEJAK_CORS_ORIGINS || '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    runProjector: flag(env, 'JEJAK_RUN_PROJECTOR', true),
    documents: documentsConfig(env),
    publicBaseUrl: publicBaseUrl(env),
    logOrigin: logOrigin(env),
    logSigningKey: env.JEJAK_LOG_SIGNING_KEY || undefined,
    logCheckpointSeconds: integer(env, 'JEJAK_LOG_CHECKPOINT_SECONDS', 5, 1, 86_400),
    requestTimeoutMs: integer(env, 'JEJAK_REQUEST_TIMEOUT_MS', 60_000, 1000, 3_600_000),
    handoverTtlHours: positiveNumber(env, 'JEJAK_HANDOVER_TTL_HOURS', 24, 24 * 365),
    releaseCodeTtlMinutes: integer(env, 'JEJAK_RELEASE_CODE_TTL_MINUTES', 10, 1, 24 * 60),
    trustProxy: trustProxy(env),
    session: {
      idleMs: integer(env, 'JEJAK_SESSION_IDLE_MINUTES', 12 * 60, 1, 30 * 24 * 60) * 60_000,
      cookieSecure: flag(env, 'JEJAK_SESSION_COOKIE_SECURE', false),
      slowAfter: integer(env, 'JEJAK_SIGN_IN_SLOW_AFTER', 5, 1, 1000),
      lockAfter: integer(env, 'JEJAK_SIGN_IN_LOCK_AFTER', 10, 1, 1000),
      lockMs: integer(env, 'JEJAK_SIGN_IN_LOCK_MINUTES', 15, 1, 24 * 60) * 60_000,
    },
  };
}

/** A short JEJAK_ADMIN_TOKEN is accepted (the spec says it is), but an operator should hear of it. */
export const WEAK_ADMIN_TOKEN_LENGTH = 16;

export function configWarnings(config: AppConfig): string[] {
  return config.adminToken !== undefined && config.adminToken.length < WEAK_ADMIN_TOKEN_LENGTH
    ? [
        `JEJAK_ADMIN_TOKEN is shorter than ${WEAK_ADMIN_TOKEN_LENGTH} characters: anyone who guesses it is admin; use a long random value`,
      ]
    : [];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

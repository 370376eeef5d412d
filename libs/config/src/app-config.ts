import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isRole, type Role } from '#domain';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  /**
   * The origin people reach the API at (`https://asamblea.example.pe`, no trailing slash): every
   * absolute link the API emits (Atom feeds) is built on it, never on the request's Host header.
   */
  publicUrl: string;
  dataDir: string;
  /** Absent: the embedded PostgreSQL under dataDir is used. */
  databaseUrl: string | null;
  /**
   * DATABASE_OWNER_URL: the role that owns the tables, for migrations (and backups); DATABASE_URL is then
   * the least-privileged runtime role, set up by the migrate step. Absent: DATABASE_URL does both.
   */
  databaseOwnerUrl: string | null;
  /** Absent: jobs run in-process and socket.io uses its in-memory adapter. */
  redisUrl: string | null;
  /** Namespace of the BullMQ keys in Redis, so several deployments (or test runs) can share one server. */
  queuePrefix: string;
  jwtSecret: string;
  /**
   * The 32-byte key that seals secrets kept at rest (webhook signing secrets, second-factor seeds) with
   * AES-256-GCM. Losing it loses those secrets: unlike the JWT secret it is never regenerated once set.
   */
  secretsKey: Buffer;
  /**
   * Roles that must enable a second factor before acting as such, for version 1 of the reglamento
   * (adopted at the first start); later versions carry their own list.
   */
  secondFactorRoles: Role[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long an enrolment or reset code stays usable. */
  enrolmentCodeTtlHours: number;
  logLevel: LogLevel;
  demo: boolean;
  demoPassword: string | null;
  corsOrigins: string[] | true;
  trustProxy: boolean;
  loginRateLimit: { perIpPerMinute: number; perAccountPerMinute: number; failuresPerAccountPerHour: number };
  /** Co-sponsors a motion needs before the presiding board can admit it. */
  cosponsorThreshold: number;
  /** Quorum: present seats must exceed numerator/denominator of the seated delegates. */
  quorum: { numerator: number; denominator: number };
  speechSeconds: number;
  /** Off: this process does not publish the outbox (another one does). */
  liveRelay: boolean;
  webhooks: {
    /** Attempts before a delivery goes to the dead-letter list. */
    maxAttempts: number;
    /** First retry delay; each next one doubles. */
    backoffMs: number;
    /** IP addresses or networks of internal receivers a webhook may reach despite the destination rules. */
    allowedDestinations: string[];
  };
  /** Days before a compliance deadline when institutions get `deadline.approaching`. */
  deadlineLeadDays: number;
  /**
   * Longest a single SQL statement of the API or worker may run (or wait for a lock) before PostgreSQL
   * cancels it and the request answers 503: a stuck database must not hold requests forever.
   */
  statementTimeoutMs: number;
  /** Evidence files of compliance reports: the largest one accepted, and how many one report may carry. */
  evidence: { maxFileBytes: number; maxFiles: number };
  /** Signed checkpoints of the public record (README, "Checkpoints, keys and witnesses"). */
  record: {
    /** The 32-byte Ed25519 seed of the key that signs checkpoints. */
    signingKey: Buffer;
    /** The key it replaces, given once so the change is endorsed in the record; null otherwise. */
    previousSigningKey: Buffer | null;
    /** A checkpoint is signed this often while the record grows (and at every close and resolution). */
    checkpointIntervalSeconds: number;
  };
}

/** A bad or missing setting: the process stops with this one line. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** A comma-separated list of IP addresses or CIDR networks (`127.0.0.1,10.20.0.0/16`); empty: none. */
function allowList(env: Env, name: string): string[] {
  const raw = text(env, name);
  if (!raw) return [];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const v4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(address);
    const v6 = !v4 && /^[0-9a-f:]+$/i.test(address) && address.includes(':');
    const bits = prefix === undefined ? null : Number(prefix);
    if ((!v4 && !v6) || (bits !== null && (!Number.isInteger(bits) || bits < 0 || bits > (v4 ? 32 : 128))))
      throw new ConfigError(name, `must list IP addresses or networks (10.0.0.0/8), got "${entry}"`);
  }
  return entries;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = text(env, name);
  if (raw === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

/** Reads the secret kept under the data directory, creating it (0600) on first start. */
function persistedSecret(dataDir: string, file: string): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** The key sealing secrets at rest, kept like the JWT secret: created (0600) on first start, then reused. */
function persistedKey(dataDir: string, file: string): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const key = randomBytes(32).toString('base64');
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

function secretsKey(env: Env, dataDir: string, explicitOnly: boolean): Buffer {
  let raw = text(env, 'SECRETS_KEY');
  if (raw === undefined) {
    if (explicitOnly)
      throw new ConfigError('SECRETS_KEY', 'is required when DATABASE_URL is set or NODE_ENV=production');
    raw = persistedKey(dataDir, 'secrets-key');
  }
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (key.length !== 32)
    throw new ConfigError('SECRETS_KEY', 'must be 32 bytes in base64 (openssl rand -base64 32)');
  return key;
}

function seed(name: string, raw: string): Buffer {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (key.length !== 32)
    throw new ConfigError(name, 'must be a 32-byte Ed25519 seed in base64 (openssl rand -base64 32)');
  return key;
}

/**
 * The record's signing key. Embedded default: kept under DATA_DIR like the JWT secret. Required in
 * production. In development with DATABASE_URL, derived from JWT_SECRET (which every process on that
 * database shares), so an API, a worker and a second API sign with one key without more settings.
 */
function recordSigningKey(
  env: Env,
  dataDir: string,
  jwtSecret: string,
  databaseUrl: string | null,
  production: boolean,
) {
  const raw = text(env, 'RECORD_SIGNING_KEY');
  let signingKey: Buffer;
  if (raw !== undefined) signingKey = seed('RECORD_SIGNING_KEY', raw);
  else if (production)
    throw new ConfigError(
      'RECORD_SIGNING_KEY',
      'is required when NODE_ENV=production (openssl rand -base64 32)',
    );
  else if (databaseUrl !== null)
    signingKey = createHash('sha256').update(`asamblea record signing key\0${jwtSecret}`).digest();
  else signingKey = seed('RECORD_SIGNING_KEY', persistedKey(dataDir, 'record-signing-key'));
  const previous = text(env, 'RECORD_SIGNING_KEY_PREVIOUS');
  const previousSigningKey = previous === undefined ? null : seed('RECORD_SIGNING_KEY_PREVIOUS', previous);
  if (previousSigningKey?.equals(signingKey))
    throw new ConfigError('RECORD_SIGNING_KEY_PREVIOUS', 'is the same key as RECORD_SIGNING_KEY');
  return {
    signingKey,
    previousSigningKey,
    checkpointIntervalSeconds: integer(env, 'CHECKPOINT_INTERVAL_SECONDS', 300, 1, 86_400),
  };
}

/** A comma-separated list of roles; set but empty: none. */
function roleList(env: Env, name: string, fallback: Role[]): Role[] {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries)
    if (!isRole(entry))
      throw new ConfigError(
        name,
        `must list roles among admin, moderator, delegate, liaison, got "${entry}"`,
      );
  return [...new Set(entries as Role[])];
}

function fraction(env: Env, name: string, fallback: string): { numerator: number; denominator: number } {
  const raw = text(env, name) ?? fallback;
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  const numerator = Number(match?.[1]);
  const denominator = Number(match?.[2]);
  if (!match || denominator === 0 || numerator >= denominator) {
    throw new ConfigError(name, `must be a fraction below 1 like 1/2 or 2/3, got "${raw}"`);
  }
  return { numerator, denominator };
}

/** An absolute http(s) origin with no path but `/`, no query, fragment or credentials. */
function publicUrl(env: Env, port: number): string {
  const raw = text(env, 'PUBLIC_URL');
  if (raw === undefined) return `http://localhost:${port}`;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(
      'PUBLIC_URL',
      `must be an absolute URL like https://asamblea.example.pe, got "${raw}"`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfigError('PUBLIC_URL', `must use http: or https:, got ${parsed.protocol}`);
  if (
    parsed.pathname !== '/' ||
    parsed.search !== '' ||
    parsed.hash !== '' ||
    raw.includes('?') ||
    raw.includes('#')
  )
    throw new ConfigError('PUBLIC_URL', `must have no path, query or fragment, got "${raw}"`);
  if (parsed.username !== '' || parsed.password !== '')
    throw new ConfigError('PUBLIC_URL', 'must not carry a user name or password');
  return parsed.origin;
}

function queuePrefix(env: Env): string {
  const value = text(env, 'QUEUE_PREFIX') ?? 'asamblea';
  if (!/^[A-Za-z0-9_-]{1,50}$/.test(value))
    throw new ConfigError('QUEUE_PREFIX', 'may only hold letters, digits, - and _');
  return value;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = text(env, 'NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnv}"`);
  }
  const production = nodeEnv === 'production';
  const dataDir = resolve(text(env, 'DATA_DIR') ?? '.data');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const databaseOwnerUrl = url(env, 'DATABASE_OWNER_URL', ['postgres:', 'postgresql:']);
  if (databaseOwnerUrl !== null && databaseUrl === null)
    throw new ConfigError('DATABASE_OWNER_URL', 'needs DATABASE_URL (the runtime role) beside it');
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);

  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  let jwtSecret = text(env, 'JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  }
  if (jwtSecret === undefined) {
    if (databaseUrl !== null || production) {
      throw new ConfigError('JWT_SECRET', 'is required when DATABASE_URL is set or NODE_ENV=production');
    }
    jwtSecret = persistedSecret(dataDir, 'jwt-secret');
  }

  const demo = flag(env, 'ASAMBLEA_DEMO', databaseUrl === null && !production);
  if (demo && production)
    throw new ConfigError('ASAMBLEA_DEMO', 'cannot be on in production (NODE_ENV=production)');
  const demoPassword = text(env, 'ASAMBLEA_DEMO_PASSWORD') ?? null;
  if (demoPassword !== null && demoPassword.length < 10) {
    throw new ConfigError('ASAMBLEA_DEMO_PASSWORD', 'must be at least 10 characters long');
  }

  const cors = text(env, 'CORS_ORIGINS');
  let corsOrigins: string[] | true;
  if (cors === undefined) corsOrigins = production ? [] : true;
  else if (cors === '*') corsOrigins = true;
  else {
    corsOrigins = cors.split(',').map((origin) => origin.trim());
    for (const origin of corsOrigins) {
      try {
        new URL(origin);
      } catch {
        throw new ConfigError('CORS_ORIGINS', `has an invalid origin "${origin}"`);
      }
    }
  }

  const port = integer(env, 'PORT', 3000, 0, 65535);
  return {
    env: nodeEnv as AppConfig['env'],
    port,
    publicUrl: publicUrl(env, port),
    dataDir,
    databaseUrl,
    databaseOwnerUrl,
    redisUrl,
    queuePrefix: queuePrefix(env),
    jwtSecret,
    secretsKey: secretsKey(env, dataDir, databaseUrl !== null || production),
    // The demo must stay usable with its shared password: no role needs a second factor unless set.
    secondFactorRoles: roleList(env, 'SECOND_FACTOR_ROLES', demo ? [] : ['admin', 'moderator']),
    accessTokenTtlSeconds: integer(env, 'JWT_ACCESS_TTL_SECONDS', 900, 30, 86400),
    refreshTokenTtlSeconds: integer(env, 'JWT_REFRESH_TTL_SECONDS', 30 * 86400, 300, 365 * 86400),
    enrolmentCodeTtlHours: integer(env, 'ENROLMENT_CODE_TTL_HOURS', 7 * 24, 1, 90 * 24),
    logLevel: logLevel as LogLevel,
    demo,
    demoPassword,
    corsOrigins,
    trustProxy: flag(env, 'TRUST_PROXY', false),
    cosponsorThreshold: integer(env, 'COSPONSOR_THRESHOLD', 2, 0, 1000),
    quorum: fraction(env, 'QUORUM', '1/2'),
    speechSeconds: integer(env, 'SPEECH_SECONDS', 180, 1, 3600),
    liveRelay: flag(env, 'LIVE_RELAY', true),
    webhooks: {
      maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
      backoffMs: integer(env, 'WEBHOOK_BACKOFF_MS', 30_000, 10, 86_400_000),
      allowedDestinations: allowList(env, 'WEBHOOK_ALLOWED_DESTINATIONS'),
    },
    deadlineLeadDays: integer(env, 'DEADLINE_LEAD_DAYS', 14, 0, 365),
    statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
    evidence: {
      maxFileBytes: integer(env, 'EVIDENCE_MAX_FILE_BYTES', 5 * 1024 * 1024, 1024, 50 * 1024 * 1024),
      maxFiles: integer(env, 'EVIDENCE_MAX_FILES', 5, 1, 20),
    },
    record: recordSigningKey(env, dataDir, jwtSecret, databaseUrl, production),
    loginRateLimit: {
      perIpPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_IP', 30, 1, 100000),
      perAccountPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_ACCOUNT', 5, 1, 100000),
      failuresPerAccountPerHour: integer(env, 'LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR', 100, 1, 1_000_000),
    },
  };
}

/** Runs `loadConfig`, printing the one-line reason and exiting 1 when the configuration is bad. */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

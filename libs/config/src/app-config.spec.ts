import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

const SECRET = 'x'.repeat(40);
const KEY = Buffer.alloc(32, 9).toString('base64');
const dataDir = () => mkdtempSync(join(tmpdir(), 'asamblea-config-'));

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('embedded default: no database URL, demo on, JWT secret generated once and kept', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.databaseUrl).toBeNull();
    expect(first.redisUrl).toBeNull();
    expect(first.demo).toBe(true);
    expect(first.port).toBe(3000);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first.jwtSecret);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first.jwtSecret);
  });

  it('production shape: database URL and secret given, demo off by default', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://u@db:5432/asamblea',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: SECRET,
      SECRETS_KEY: KEY,
      PORT: '8080',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({ port: 8080, demo: false, logLevel: 'warn', jwtSecret: SECRET });
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it.each([
    [{ PORT: 'abc' }, /^Configuration error: PORT must be a whole number/],
    [{ PORT: '70000' }, /^Configuration error: PORT must be between 0 and 65535/],
    [
      { DATABASE_URL: 'mysql://x/y', JWT_SECRET: SECRET },
      /^Configuration error: DATABASE_URL must use postgres:/,
    ],
    [
      { DATABASE_URL: 'not a url', JWT_SECRET: SECRET },
      /^Configuration error: DATABASE_URL is not a valid URL/,
    ],
    [{ REDIS_URL: 'http://x' }, /^Configuration error: REDIS_URL must use redis:/],
    [{ DATABASE_URL: 'postgres://x/y' }, /^Configuration error: JWT_SECRET is required/],
    [{ JWT_SECRET: 'short' }, /^Configuration error: JWT_SECRET must be at least 32/],
    [{ LOG_LEVEL: 'loud' }, /^Configuration error: LOG_LEVEL must be one of/],
    [{ NODE_ENV: 'staging' }, /^Configuration error: NODE_ENV must be/],
    [
      { NODE_ENV: 'production', JWT_SECRET: SECRET, ASAMBLEA_DEMO: 'true' },
      /^Configuration error: ASAMBLEA_DEMO cannot be on in production/,
    ],
    [{ ASAMBLEA_DEMO: 'maybe' }, /^Configuration error: ASAMBLEA_DEMO must be true or false/],
    [{ ASAMBLEA_DEMO_PASSWORD: 'short' }, /^Configuration error: ASAMBLEA_DEMO_PASSWORD must be at least 10/],
    [
      { CORS_ORIGINS: 'https://ok.pe,nope' },
      /^Configuration error: CORS_ORIGINS has an invalid origin "nope"/,
    ],
  ])('refuses %p with one line naming the variable', (env, message) => {
    const error = refusal({ DATA_DIR: dataDir(), ...env });
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('public URL: http://localhost:<PORT> by default, an http(s) origin when set, refused otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ DATA_DIR: dataDir(), PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ DATA_DIR: dataDir(), PUBLIC_URL: 'https://Asamblea.Example.pe/' }).publicUrl).toBe(
      'https://asamblea.example.pe',
    );
    expect(loadConfig({ DATA_DIR: dataDir(), PUBLIC_URL: 'http://10.0.0.5:8080' }).publicUrl).toBe(
      'http://10.0.0.5:8080',
    );
    for (const bad of [
      'asamblea.example.pe',
      '/api',
      'ftp://asamblea.example.pe',
      'https://asamblea.example.pe/api',
      'https://asamblea.example.pe/?x=1',
      'https://asamblea.example.pe/#top',
      'https://user:pw@asamblea.example.pe',
    ]) {
      const error = refusal({ DATA_DIR: dataDir(), PUBLIC_URL: bad });
      expect(error.variable).toBe('PUBLIC_URL');
      expect(error.message).not.toContain('\n');
    }
  });

  it('production never turns the demo on by itself', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      SECRETS_KEY: KEY,
      RECORD_SIGNING_KEY: KEY,
    });
    expect(config.demo).toBe(false);
    expect(config.corsOrigins).toEqual([]);
  });

  it('evidence files: 5 MiB and 5 per report by default, bounded when set', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).evidence).toEqual({
      maxFileBytes: 5 * 1024 * 1024,
      maxFiles: 5,
    });
    expect(
      loadConfig({ DATA_DIR: dataDir(), EVIDENCE_MAX_FILE_BYTES: '1048576', EVIDENCE_MAX_FILES: '2' })
        .evidence,
    ).toEqual({ maxFileBytes: 1048576, maxFiles: 2 });
    expect(refusal({ DATA_DIR: dataDir(), EVIDENCE_MAX_FILE_BYTES: '5MB' }).variable).toBe(
      'EVIDENCE_MAX_FILE_BYTES',
    );
    expect(refusal({ DATA_DIR: dataDir(), EVIDENCE_MAX_FILES: '0' }).variable).toBe('EVIDENCE_MAX_FILES');
    expect(
      refusal({ DATA_DIR: dataDir(), EVIDENCE_MAX_FILE_BYTES: String(60 * 1024 * 1024) }).message,
    ).toMatch(/between 1024 and 52428800/);
  });

  it('secrets key: generated once under DATA_DIR like the JWT secret, required with DATABASE_URL or in production', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.secretsKey).toHaveLength(32);
    expect(statSync(join(dir, 'secrets-key')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).secretsKey.equals(first.secretsKey)).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), SECRETS_KEY: KEY }).secretsKey).toEqual(Buffer.alloc(32, 9));
    for (const env of [
      { DATABASE_URL: 'postgres://u@db/a', JWT_SECRET: SECRET } as Record<string, string>,
      { NODE_ENV: 'production', JWT_SECRET: SECRET },
    ])
      expect(refusal({ DATA_DIR: dataDir(), ...env }).message).toBe(
        'Configuration error: SECRETS_KEY is required when DATABASE_URL is set or NODE_ENV=production',
      );
    for (const bad of [
      'short',
      Buffer.alloc(16).toString('base64'),
      Buffer.alloc(33).toString('base64'),
      'no base64!',
    ])
      expect(refusal({ DATA_DIR: dataDir(), SECRETS_KEY: bad }).message).toBe(
        'Configuration error: SECRETS_KEY must be 32 bytes in base64 (openssl rand -base64 32)',
      );
  });

  it('second-factor roles: admin and moderator, none for the demo, a list or empty when set', () => {
    const production = {
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://u@db/a',
      JWT_SECRET: SECRET,
      SECRETS_KEY: KEY,
    };
    expect(loadConfig(production).secondFactorRoles).toEqual(['admin', 'moderator']);
    expect(loadConfig({ DATA_DIR: dataDir() }).secondFactorRoles).toEqual([]);
    expect(loadConfig({ ...production, SECOND_FACTOR_ROLES: '' }).secondFactorRoles).toEqual([]);
    expect(
      loadConfig({ ...production, SECOND_FACTOR_ROLES: ' moderator, delegate ' }).secondFactorRoles,
    ).toEqual(['moderator', 'delegate']);
    expect(refusal({ ...production, SECOND_FACTOR_ROLES: 'admin,root' }).variable).toBe(
      'SECOND_FACTOR_ROLES',
    );
  });

  it('record signing key: kept under DATA_DIR embedded, required in production, the previous one distinct', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).record;
    expect(first.signingKey).toHaveLength(32);
    expect(loadConfig({ DATA_DIR: dir }).record.signingKey.equals(first.signingKey)).toBe(true);
    expect(first.checkpointIntervalSeconds).toBe(300);
    expect(
      refusal({ DATA_DIR: dataDir(), NODE_ENV: 'production', JWT_SECRET: SECRET, SECRETS_KEY: KEY }).variable,
    ).toBe('RECORD_SIGNING_KEY');
    expect(refusal({ DATA_DIR: dataDir(), RECORD_SIGNING_KEY: 'c2hvcnQ=' }).message).toBe(
      'Configuration error: RECORD_SIGNING_KEY must be a 32-byte Ed25519 seed in base64 (openssl rand -base64 32)',
    );
    expect(
      refusal({ DATA_DIR: dataDir(), RECORD_SIGNING_KEY: KEY, RECORD_SIGNING_KEY_PREVIOUS: KEY }).variable,
    ).toBe('RECORD_SIGNING_KEY_PREVIOUS');
    expect(refusal({ DATA_DIR: dataDir(), CHECKPOINT_INTERVAL_SECONDS: '0' }).variable).toBe(
      'CHECKPOINT_INTERVAL_SECONDS',
    );
  });
});

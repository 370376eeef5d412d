import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

const SECRET = 'x'.repeat(40);
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
    const config = loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', JWT_SECRET: SECRET });
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
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to an SQLite demo on port 3000 with a session secret kept in the data folder', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'safer-config-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, null);
    assert.equal(config.environment, 'development');
    assert.equal(config.sessionSecret, readFileSync(join(dataDir, 'session-secret'), 'utf8'));
    assert.equal(loadConfig({ DATA_DIR: dataDir }).sessionSecret, config.sessionSecret, 'the same secret after a restart');
  });

  it('refuses to start in production without a session secret', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmpdir() }), ConfigError);
  });

  it('says which settings are wrong', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /PORT/.test(error.message) &&
        /DATABASE_URL must start with postgres:\/\//.test(error.message) &&
        /SESSION_SECRET must be at least 32 characters/.test(error.message),
    );
  });

  it('takes PostgreSQL from DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://safer@db/safer', SESSION_SECRET: 'x'.repeat(32), NODE_ENV: 'production' });
    assert.equal(config.databaseUrl, 'postgres://safer@db/safer');
    assert.equal(config.environment, 'production');
  });
});

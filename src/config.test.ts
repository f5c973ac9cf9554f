import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, logLevelFor } from './config.ts';
import { scratchFolder } from '../test/helpers/scratch.ts';

describe('loadConfig', () => {
  it('defaults to an SQLite demo on port 3000 with a session secret kept in the data folder', () => {
    const dataDir = scratchFolder('config');
    const config = loadConfig({ DATA_DIR: dataDir });
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, null);
    assert.equal(config.environment, 'development');
    assert.equal(config.sessionSecret, readFileSync(join(dataDir, 'session-secret'), 'utf8'));
    assert.equal(loadConfig({ DATA_DIR: dataDir }).sessionSecret, config.sessionSecret, 'the same secret after a restart');
  });

  it('refuses a session secret file cut short, saying what to do', () => {
    const dataDir = scratchFolder('config');
    for (const kept of ['', 'short secret', 'x'.repeat(31)]) {
      writeFileSync(join(dataDir, 'session-secret'), kept);
      assert.throws(
        () => loadConfig({ DATA_DIR: dataDir }),
        (error: unknown) => error instanceof ConfigError && error.message.includes(`holds a session secret of ${kept.length} characters`),
      );
    }
    writeFileSync(join(dataDir, 'session-secret'), 'x'.repeat(32));
    assert.equal(loadConfig({ DATA_DIR: dataDir }).sessionSecret, 'x'.repeat(32));
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

  const production = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(32),
    SMTP_URL: 'smtps://csp:secret@smtp.coventry.example:465',
    MAIL_FROM: 'Coventry Community Safety Team <csp@coventry.example>',
    PUBLIC_URL: 'https://safer.coventry.example/',
  };

  it('takes PostgreSQL from DATABASE_URL', () => {
    const config = loadConfig({ ...production, DATABASE_URL: 'postgres://safer@db/safer' });
    assert.equal(config.databaseUrl, 'postgres://safer@db/safer');
    assert.equal(config.environment, 'production');
  });

  it('takes the mail server, sender and public address, which outside production may be left unset', () => {
    const config = loadConfig(production);
    assert.equal(config.smtpUrl, 'smtps://csp:secret@smtp.coventry.example:465');
    assert.equal(config.mailFrom, 'Coventry Community Safety Team <csp@coventry.example>');
    assert.equal(config.publicUrl, 'https://safer.coventry.example', 'no trailing slash, so links can be joined');
    assert.equal(loadConfig({ ...production, SMTP_URL: 'smtp://mail.example:587' }).smtpUrl, 'smtp://mail.example:587');

    const development = loadConfig({ DATA_DIR: tmpdir(), PORT: '8080' });
    assert.equal(development.smtpUrl, null);
    assert.equal(development.publicUrl, 'http://localhost:8080');
  });

  it('refuses a mail server that is not smtp:// or smtps://, and production without mail', () => {
    assert.throws(
      () => loadConfig({ DATA_DIR: tmpdir(), SMTP_URL: 'http://mail.example', MAIL_FROM: 'nobody', PUBLIC_URL: 'ftp://x' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /SMTP_URL must be a URL such as smtp:\/\//.test(error.message) &&
        /MAIL_FROM must be an address/.test(error.message) &&
        /PUBLIC_URL must start with http/.test(error.message),
    );
    for (const missing of ['SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL'] as const) {
      const { [missing]: _left, ...rest } = production;
      assert.throws(() => loadConfig(rest), /SMTP_URL, MAIL_FROM and PUBLIC_URL must be set in production/);
    }
  });

  it('takes a tile server for the interactive maps only with its attribution, and only with {z}, {x} and {y}', () => {
    assert.equal(loadConfig({ DATA_DIR: tmpdir() }).mapTiles, null);
    const tiles = { MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© OpenStreetMap contributors' };
    assert.deepEqual(loadConfig({ ...production, ...tiles }).mapTiles, {
      urlTemplate: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap contributors',
    });
    assert.throws(
      () => loadConfig({ DATA_DIR: tmpdir(), MAP_TILE_URL: tiles.MAP_TILE_URL }),
      /MAP_TILE_ATTRIBUTION must be set with MAP_TILE_URL/,
    );
    assert.throws(
      () => loadConfig({ DATA_DIR: tmpdir(), MAP_TILE_URL: 'ftp://tiles.example/{z}/{x}/{y}', MAP_TILE_ATTRIBUTION: 'x' }),
      /MAP_TILE_URL must start with http/,
    );
    assert.throws(
      () => loadConfig({ DATA_DIR: tmpdir(), MAP_TILE_URL: 'https://tiles.example/{z}/{x}.png', MAP_TILE_ATTRIBUTION: 'x' }),
      /MAP_TILE_URL must contain \{z\}, \{x\} and \{y\}/,
    );
    assert.throws(
      () => loadConfig({ DATA_DIR: tmpdir(), MAP_TILE_URL: 'https://tiles.{s}.example/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: 'x' }),
      /MAP_TILE_URL may have \{s\} only at the start of its host name/,
    );
  });

  it('logs only warnings and errors outside production unless LOG_LEVEL asks for more, and each request in production', () => {
    assert.equal(loadConfig({ DATA_DIR: tmpdir() }).logLevel, 'warn');
    assert.equal(loadConfig({ DATA_DIR: tmpdir(), LOG_LEVEL: 'info' }).logLevel, 'info');
    assert.equal(loadConfig({ ...production, DATABASE_URL: 'postgres://safer@db/safer' }).logLevel, 'info');
    assert.equal(loadConfig({ ...production, LOG_LEVEL: 'error' }).logLevel, 'error');
    assert.equal(logLevelFor('test', undefined), 'warn');
    assert.equal(logLevelFor('development', 'debug'), 'debug');
    assert.throws(
      () => loadConfig({ DATA_DIR: tmpdir(), LOG_LEVEL: 'loud' }),
      (error: unknown) => error instanceof ConfigError && /LOG_LEVEL must be one of fatal, error, warn, info/.test(error.message),
    );
  });
});

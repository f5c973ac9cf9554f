import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export interface Config {
  environment: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… when set; otherwise an SQLite file under dataDir. */
  databaseUrl: string | null;
  sessionSecret: string;
  trustProxy: boolean;
  /** smtp://… or smtps://…; null writes mail to the log instead (development and test only). */
  smtpUrl: string | null;
  /** The From line of every e-mail, e.g. "Coventry Community Safety Team <csp@coventry.gov.uk>". */
  mailFrom: string;
  /** Where users reach the service, for links in e-mails; no trailing slash. */
  publicUrl: string;
  /** A tile server for the interactive crime maps; null leaves only the offline plot (docs/decisions/0010). */
  mapTiles: { urlTemplate: string; attribution: string } | null;
  /** How much the server logs: each request at 'info'; warnings and errors at 'warn' (docs/decisions/0028). */
  logLevel: LogLevel;
  /** Whom a person asks about what Safer holds about them, as the privacy notice names them. */
  privacyContact: string;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * The log's level: LOG_LEVEL when set; otherwise each request in production, where the log is the record of what
 * happened, and only warnings and errors elsewhere, so that a developer's terminal stays readable.
 */
export function logLevelFor(environment: Config['environment'], asked: LogLevel | undefined): LogLevel {
  return asked ?? (environment === 'production' ? 'info' : 'warn');
}

/** The shortest session secret Safer starts with: @fastify/session's own minimum. */
export const minimumSecretLength = 32;

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// (leave it unset for SQLite)')
    .optional(),
  SESSION_SECRET: z.string().min(minimumSecretLength, `SESSION_SECRET must be at least ${minimumSecretLength} characters`).optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'SMTP_URL must be a URL such as smtp://user:password@host:587 or smtps://host:465' })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^([^<>]+<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'MAIL_FROM must be an address, or a name and <address>')
    .optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'PUBLIC_URL must start with http:// or https://' }).optional(),
  MAP_TILE_URL: z
    .url({ protocol: /^https?$/, error: 'MAP_TILE_URL must start with http:// or https://' })
    .refine((url) => ['{z}', '{x}', '{y}'].every((part) => url.includes(part)), 'MAP_TILE_URL must contain {z}, {x} and {y}')
    // The CSP can allow a wildcard only as the first label of a host name.
    .refine(
      (url) => !URL.canParse(url) || /^(\{s\}\.)?[^{}]+$/.test(new URL(url).host),
      'MAP_TILE_URL may have {s} only at the start of its host name',
    )
    .optional(),
  MAP_TILE_ATTRIBUTION: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(logLevels, { error: `LOG_LEVEL must be one of ${logLevels.join(', ')}` }).optional(),
  PRIVACY_CONTACT: z.string().trim().min(1).optional(),
});

export class ConfigError extends Error {}

function parseEnvironment<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/**
 * Where the database is, and nothing else: for `safer backup` and `safer restore`, which need no session
 * secret and so make none in a data folder they may be about to fill.
 */
export function loadDatabaseLocation(env: NodeJS.ProcessEnv = process.env): { databaseUrl: string | null; dataDir: string } {
  const values = parseEnvironment(environmentSchema.pick({ DATA_DIR: true, DATABASE_URL: true }), env);
  return { databaseUrl: values.DATABASE_URL ?? null, dataDir: resolve(values.DATA_DIR) };
}

/** Reads the environment once. Production refuses to start without a session secret. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values = parseEnvironment(environmentSchema, env);
  const dataDir = resolve(values.DATA_DIR);
  if (values.NODE_ENV === 'production' && !values.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET must be set in production (at least 32 random characters).');
  }
  // Reminders and notices written to a log in production would be lost without anyone noticing.
  if (values.NODE_ENV === 'production' && (!values.SMTP_URL || !values.MAIL_FROM || !values.PUBLIC_URL)) {
    throw new ConfigError('SMTP_URL, MAIL_FROM and PUBLIC_URL must be set in production, so that e-mail is sent and its links work.');
  }
  // Tile servers' terms (OpenStreetMap's among them) require the attribution on the map.
  if (values.MAP_TILE_URL && !values.MAP_TILE_ATTRIBUTION) {
    throw new ConfigError('MAP_TILE_ATTRIBUTION must be set with MAP_TILE_URL, e.g. "© OpenStreetMap contributors".');
  }
  return {
    environment: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseUrl: values.DATABASE_URL ?? null,
    sessionSecret: values.SESSION_SECRET ?? localSessionSecret(dataDir),
    trustProxy: values.TRUST_PROXY === 'true',
    smtpUrl: values.SMTP_URL ?? null,
    mailFrom: values.MAIL_FROM ?? 'Safer <safer@localhost>',
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
    mapTiles:
      values.MAP_TILE_URL && values.MAP_TILE_ATTRIBUTION
        ? { urlTemplate: values.MAP_TILE_URL, attribution: values.MAP_TILE_ATTRIBUTION }
        : null,
    logLevel: logLevelFor(values.NODE_ENV, values.LOG_LEVEL),
    privacyContact: values.PRIVACY_CONTACT ?? 'the partnership officer of your Community Safety Partnership',
  };
}

/** Outside production a secret is made once per data folder, so sessions survive a restart of the demo. */
function localSessionSecret(dataDir: string): string {
  const path = sessionSecretPath(dataDir);
  let kept: string;
  try {
    kept = readFileSync(path, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(path, secret, { mode: 0o600 });
    return secret;
  }
  // A file cut short or edited would sign cookies, two-step codes and links with a key anyone can guess.
  if (kept.length < minimumSecretLength)
    throw new ConfigError(
      `${path} holds a session secret of ${kept.length} characters, where at least ${minimumSecretLength} are needed: delete the file to have a new one made (everyone signs in again).`,
    );
  return kept;
}

/** The file that holds the secret outside production; backups carry it so that sessions survive a restore. */
export function sessionSecretPath(dataDir: string): string {
  return join(dataDir, 'session-secret');
}

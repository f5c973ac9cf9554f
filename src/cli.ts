/** The `safer` command. Non-interactive, so scripts can use every part of it. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { ConfigError, loadConfig, loadDatabaseLocation, sessionSecretPath } from './config.ts';
import type { Container } from './container.ts';
import { systemPrincipal } from './platform/principal.ts';
import { FieldValidationError } from './platform/errors.ts';
import { digits, plural } from './platform/numbers.ts';
import type { DatabaseHandle } from './db/createDb.ts';

const usage = `Usage: safer <command> [options]

Commands:
  serve                      migrate the database, seed the demo into an empty one, and serve the web app
  migrate                    bring the database schema up to date
  seed-demo                  add the demo partnerships (Coventry, Leicestershire, Safer Plymouth)
  create-user --email E --name N --password P [--admin]
                             add an account
  run-jobs                   send the e-mail and run the other jobs that are due, then exit (for cron)
  send-reminders             queue reminders of actions falling due within 7 days or overdue, and send them
  import-crime FILE…         import police.uk street-level crime files (CSV), or police.uk's zip as downloaded (its
                             street files; outcomes and stop and search skipped); run again to finish an interrupted import
  backup [--force] FILE      copy the database, the uploaded papers and the session secret into FILE, while Safer runs
                             (--force replaces a FILE that is already there)
  restore FILE               put a backup back into an empty data folder (SQLite) or empty database (PostgreSQL)

Configuration comes from the environment: DATABASE_URL, DATA_DIR, PORT, HOST, SESSION_SECRET, NODE_ENV,
SMTP_URL, MAIL_FROM, PUBLIC_URL.`;

export const demoAdminEmail = 'admin@example.com';

/**
 * The demo partnerships that are missing, this year's meetings of Coventry's groups, and Coventry's
 * meeting of 30 November 2007 with its minutes, its strategy for 2016/17 and its performance report for
 * Quarter 4, 2015/16; the Leicestershire partnerships' crime data, and Charnwood's tasking; returns how
 * many partnerships were added.
 */
async function addDemo(container: Container): Promise<number> {
  // Loaded here, not at start: a command that seeds nothing (import-crime above all) does not hold them in memory.
  const [{ demoCrimeSources, seedDemoCrimeData }, { seedDemo }, { seedCoventry2007Meeting, seedDemoMeetings }, { seedDemoFunding }] =
    await Promise.all([
      import('./modules/crimedata/index.ts'),
      import('./modules/governance/index.ts'),
      import('./modules/meetings/index.ts'),
      import('./modules/funding/index.ts'),
    ]);
  const [{ seedDemoPerformance }, { seedDemoStrategy }, { seedDemoTasking }] = await Promise.all([
    import('./modules/performance/index.ts'),
    import('./modules/strategy/index.ts'),
    import('./modules/tasking/index.ts'),
  ]);
  const added = await seedDemo(container.governance);
  const coventry = added.get('coventry');
  if (coventry) {
    await seedDemoMeetings(container.governance, container.meetings, container.clock, coventry);
    await seedCoventry2007Meeting(container, coventry);
    await seedDemoStrategy(container, coventry);
    await seedDemoPerformance(container.governance, container.performance, coventry);
    await seedDemoFunding(container, coventry);
  }
  const crime = await seedDemoCrimeData(container.crimeData, added);
  if (crime.fromExtract)
    console.log(`Crime data: ${crime.files} police.uk files from the extract shipped with Safer (${demoCrimeSources.extract}).`);
  const charnwood = added.get('charnwood');
  if (charnwood) await seedDemoTasking(container, charnwood);
  return added.size;
}

/** On first start with an empty database: the demo, and an administrator whose password is shown once. */
async function seedEmptyDatabase(container: Container): Promise<void> {
  if ((await container.accounts.countUsers()) > 0) return;
  if (container.config.environment === 'production') {
    console.log('No accounts yet: create the first administrator with `safer create-user --email … --name … --password … --admin`.');
    return;
  }
  if ((await container.governance.partnerships.list(null, { includeArchived: true })).length === 0) await addDemo(container);
  const password = randomBytes(12).toString('base64url');
  await container.accounts.createUser(systemPrincipal, { email: demoAdminEmail, name: 'Demo administrator', password, isAdmin: true });
  console.log(
    `\nThe demo is ready. Sign in as the administrator (shown only this once):\n  email:    ${demoAdminEmail}\n  password: ${password}\n`,
  );
}

async function runJobs(container: Container): Promise<void> {
  const { done, retried, failed } = await container.notifications.runDueJobs();
  console.log(`Jobs done: ${done}; to be tried again: ${retried}; given up: ${failed}.`);
}

/** Room for the import's young objects, in MB: V8 would let it grow to 48 (docs/decisions/0051). */
const importYoungGenerationMb = 8;

/**
 * The import, run by this file again in a worker whose young generation is small: the import makes many rows that
 * live a moment, and a young generation left to grow to V8's default is what set the command's peak memory
 * (docs/decisions/0051). Its output, and its progress on a terminal, come through this thread.
 */
async function inImportWorker(files: string[]): Promise<number> {
  const worker = new Worker(new URL(import.meta.url), {
    argv: ['import-crime', ...files],
    resourceLimits: { maxYoungGenerationSizeMb: importYoungGenerationMb },
    env: { ...process.env, SAFER_PROGRESS_TTY: process.stderr.isTTY ? '1' : '' },
  });
  return new Promise((resolve, reject) => {
    let code = 1;
    worker.on('message', (answer: number) => (code = answer));
    worker.once('error', reject);
    worker.once('exit', () => resolve(code));
  });
}

const saferVersion = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

function describeSize(engineName: string, tables: number, rows: number): string {
  return `${engineName}, ${plural(tables, 'table', 'tables')}, ${digits(rows, 0)} ${rows === 1 ? 'row' : 'rows'}`;
}

/** Backup and restore work on the database as it stands: no migration, no app, so a running server is untouched. */
async function backupOrRestore(command: 'backup' | 'restore', args: string[]): Promise<number> {
  const force = args[0] === '--force' && command === 'backup';
  const files = force ? args.slice(1) : args;
  if (files.length !== 1 || !files[0]) {
    console.error(`${command} needs one FILE`);
    return 2;
  }
  const file = resolve(files[0]);
  const location = loadDatabaseLocation();
  const secretFile = sessionSecretPath(location.dataDir);
  // Loaded here: only these two commands use it.
  const { backupDatabase, BackupRefusal, engineNames, restoreDatabase } = await import('./db/backup.ts');
  try {
    if (command === 'backup') {
      const manifest = await backupDatabase(location, file, { saferVersion, sessionSecretFile: secretFile, replace: force });
      console.log(`Backed up Safer (${describeSize(engineNames[manifest.engine], manifest.tables, manifest.rows)}) to ${file}.`);
      if (manifest.sessionSecret === null)
        console.log('No session secret file: keep SESSION_SECRET with the backup, or everyone signs in again.');
      return 0;
    }
    const { manifest, target, tables, rows, olderSchema } = await restoreDatabase(location, file, secretFile);
    console.log(
      `Restored the backup made ${manifest.createdAt.slice(0, 16).replace('T', ' ')} UTC by Safer ${manifest.saferVersion} (${describeSize(engineNames[manifest.engine], tables, rows)}) into ${target}.`,
    );
    console.log(
      manifest.sessionSecret === null
        ? 'The backup holds no session secret: set SESSION_SECRET as it was, or everyone signs in again.'
        : `The session secret is back in ${secretFile}, so sessions from before the backup still sign in.`,
    );
    if (olderSchema) console.log('Its schema is older than this version of Safer: it is brought up to date when Safer next starts.');
    return 0;
  } catch (error) {
    if (error instanceof BackupRefusal) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

/**
 * Runs a command on the database brought up to date; a refusal is its message, exit code 1. The database is closed
 * after it, unless the command serves.
 */
async function withDatabase(database: DatabaseHandle, keepOpen: boolean, work: () => Promise<number>): Promise<number> {
  try {
    const { migrateToLatest } = await import('./db/createDb.ts');
    const applied = await migrateToLatest(database.db);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    return await work();
  } catch (error) {
    if (error instanceof FieldValidationError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    if (!keepOpen) await database.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  if (command === 'backup' || command === 'restore') return await backupOrRestore(command, rest);
  const config = loadConfig();
  if (command === 'import-crime') {
    if (isMainThread) return await inImportWorker(rest);
    // Its own few services, not the web app's every module (docs/decisions/0051).
    const [{ createCrimeImportContainer }, { importCrime }] = await Promise.all([
      import('./crimeImportContainer.ts'),
      import('./crimeImportCommand.ts'),
    ]);
    const { database, crimeData } = createCrimeImportContainer(config);
    return await withDatabase(database, false, () => importCrime(crimeData, rest));
  }
  const container = (await import('./container.ts')).createContainer(config);
  return await withDatabase(container.database, command === 'serve', async () => {
    switch (command) {
      case 'migrate':
        return 0;
      case 'serve':
        await seedEmptyDatabase(container);
        await (await import('./server.ts')).serve(container);
        console.log(`Safer is running at http://localhost:${config.port} (database: ${container.database.engine})`);
        return 0;
      case 'seed-demo': {
        const added = await addDemo(container);
        console.log(added ? `Demo partnerships added: ${added}.` : 'The demo partnerships are already here: nothing added.');
        return 0;
      }
      case 'create-user': {
        const { values } = parseArgs({
          args: rest,
          options: {
            email: { type: 'string' },
            name: { type: 'string' },
            password: { type: 'string' },
            admin: { type: 'boolean', default: false },
          },
        });
        if (!values.email || !values.name || !values.password) {
          console.error('create-user needs --email, --name and --password');
          return 2;
        }
        const { passwordProblem } = await import('./modules/accounts/index.ts');
        const problem = passwordProblem(values.password, values.email);
        if (problem) {
          console.error(problem);
          return 2;
        }
        await container.accounts.createUser(systemPrincipal, {
          email: values.email,
          name: values.name,
          password: values.password,
          isAdmin: values.admin,
        });
        console.log(`Account created for ${values.email}${values.admin ? ' (administrator)' : ''}.`);
        return 0;
      }
      case 'send-reminders':
        console.log(`Action reminders queued: ${await container.notifications.queueActionReminders()}.`);
        await runJobs(container);
        return 0;
      case 'run-jobs':
        await runJobs(container);
        return 0;
      default:
        console.error(`Unknown command: ${command}\n\n${usage}`);
        return 2;
    }
  });
}

try {
  const code = await run(process.argv.slice(2));
  if (!isMainThread) parentPort?.postMessage(code);
  else if (code !== 0) process.exitCode = code;
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}

import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { policeUkZip } from './helpers/policeuk.ts';
import { scratchFolder } from './helpers/scratch.ts';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');

function environment(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir, NODE_ENV: 'development', ...extra };
}

async function safer(dataDir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: environment(dataDir) });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; saw:\n${seen}`)), 60_000);
    const listen = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${seen}`));
    });
  });
}

describe('the safer command', () => {
  it('imports police.uk’s zip as it comes: its street files, saying which files it skipped and why', async () => {
    const dataDir = scratchFolder('cli');
    const zip = join(dataDir, 'police-uk.zip');
    writeFileSync(zip, await policeUkZip());
    const imported = await safer(dataDir, 'import-crime', zip);
    assert.equal(imported.code, 0, imported.out);
    assert.match(
      imported.out,
      /police-uk\.zip: 2025-11-city-of-london-street\.csv: 734 crimes and incidents \(City of London Police, November 2025\)/,
    );
    assert.match(
      imported.out,
      /police-uk\.zip: 2025-12-city-of-london-street\.csv: 810 crimes and incidents \(City of London Police, December 2025\)/,
    );
    assert.match(imported.out, /Skipped one file \(2025-11-city-of-london-outcomes\.csv\): an outcomes file/);
    assert.match(imported.out, /Skipped one file \(2025-12-city-of-london-stop-and-search\.csv\): a stop and search file/);
    assert.match((await safer(dataDir, 'import-crime', zip)).out, /2025-12-city-of-london-street\.csv: already imported, nothing changed/);

    const notAZip = join(dataDir, 'not.zip');
    writeFileSync(notAZip, 'Crime ID,Month\r\n');
    const refused = await safer(dataDir, 'import-crime', notAZip);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /not\.zip: not\.zip is not a zip file/);
  });

  it('migrates, and creates users non-interactively with clear messages for bad input', async () => {
    const dataDir = scratchFolder('cli');
    const migrate = await safer(dataDir, 'migrate');
    assert.equal(migrate.code, 0);
    assert.match(migrate.out, /Applied migrations: 2026-11-23-01-foundation/);
    assert.doesNotMatch((await safer(dataDir, 'migrate')).out, /Applied/);

    const created = await safer(
      dataDir,
      'create-user',
      '--email',
      'jo@example.org',
      '--name',
      'Jo Bloggs',
      '--password',
      'a long passphrase',
      '--admin',
    );
    assert.equal(created.code, 0, created.out);
    assert.match(created.out, /Account created for jo@example.org \(administrator\)/);

    const again = await safer(dataDir, 'create-user', '--email', 'JO@example.org', '--name', 'Jo', '--password', 'a long passphrase');
    assert.equal(again.code, 1);
    assert.match(again.out, /already exists/);

    const short = await safer(dataDir, 'create-user', '--email', 'x@example.org', '--name', 'X', '--password', 'short');
    assert.equal(short.code, 2);
    assert.match(short.out, /12 characters or more/);

    const seeded = await safer(dataDir, 'seed-demo');
    assert.equal(seeded.code, 0, seeded.out);
    assert.match(seeded.out, /Demo partnerships added: 11\./);
    assert.match((await safer(dataDir, 'seed-demo')).out, /already here: nothing added/);

    const reminders = await safer(dataDir, 'send-reminders');
    assert.equal(reminders.code, 0, reminders.out);
    // The plan's overdue actions remind their organisations' people on the group, who have addresses in the demo
    // (logged, as no SMTP_URL is set); every job is done and none given up.
    const queued = Number(/Action reminders queued: (\d+)\./.exec(reminders.out)?.[1]);
    assert.ok(queued > 0, reminders.out.slice(0, 200));
    assert.match(reminders.out, /E-mail not sent \(no SMTP_URL\) to [a-z.]+@example\.org: Action overdue/);
    assert.match(reminders.out, /Jobs done: \d+; to be tried again: 0; given up: 0\./);
    assert.match((await safer(dataDir, 'run-jobs')).out, /Jobs done: 0;/);

    const unknown = await safer(dataDir, 'frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.out, /Unknown command: frobnicate/);
  });

  it('serves the seeded demo on first start and prints the administrator’s password once', async () => {
    const dataDir = scratchFolder('serve');
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const child = spawn(process.execPath, [cli, 'serve'], { env: environment(dataDir, { PORT: port, HOST: '127.0.0.1' }) });
    try {
      const output = await waitForOutput(child, /Safer is running/);
      assert.match(output, /SMTP_URL is not set: e-mail is written to this log, not sent/);
      const password = /password: (\S+)/.exec(output)?.[1];
      assert.ok(password, 'the first start prints a password');
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      assert.deepEqual(await health.json(), { status: 'ok', database: 'sqlite' });
      const signInPage = await fetch(`http://127.0.0.1:${port}/sign-in`);
      assert.equal(signInPage.status, 200);
    } finally {
      await stop(child);
    }
    const restart = spawn(process.execPath, [cli, 'serve'], { env: environment(dataDir, { PORT: port, HOST: '127.0.0.1' }) });
    try {
      const output = await waitForOutput(restart, /Safer is running/);
      assert.doesNotMatch(output, /password:/, 'the password is shown only once');
    } finally {
      await stop(restart);
    }
  });
  it('imports crime files with the modules the import uses, not the web app’s every module', async () => {
    const dataDir = scratchFolder('cli');
    const zip = join(dataDir, 'police-uk.zip');
    writeFileSync(zip, await policeUkZip());
    // Records every file of Safer's own each thread loads (the import runs in a worker), and writes them out as it exits.
    const hook = join(dataDir, 'loaded.mjs');
    writeFileSync(
      hook,
      `import { registerHooks } from 'node:module';
       import { writeFileSync } from 'node:fs';
       import { threadId } from 'node:worker_threads';
       const loaded = new Set();
       registerHooks({ resolve(specifier, context, next) { const found = next(specifier, context); loaded.add(found.url); return found; } });
       process.on('exit', () => writeFileSync(${JSON.stringify(dataDir)} + '/loaded-' + threadId + '.json', JSON.stringify([...loaded])));`,
    );
    const { stdout } = await run(process.execPath, ['--import', hook, cli, 'import-crime', zip], { env: environment(dataDir) });
    assert.match(stdout, /2025-12-city-of-london-street\.csv: 810 crimes and incidents/);
    const loadedBy = (thread: string) => JSON.parse(readFileSync(join(dataDir, `loaded-${thread}.json`), 'utf8')) as string[];
    const modulesOf = (loaded: string[]) => [...new Set(loaded.flatMap((url) => /\/src\/modules\/(\w+)\//.exec(url)?.[1] ?? []))].sort();
    assert.deepEqual(modulesOf(loadedBy('1')), ['audit', 'crimedata', 'governance'], 'the import’s worker');
    assert.deepEqual(modulesOf(loadedBy('0')), [], 'the command itself loads no module');
    assert.ok(
      ![...loadedBy('0'), ...loadedBy('1')].some((url) => url.endsWith('/src/container.ts')),
      'the web app’s container is not built',
    );
  });

  it('answers before loading the libraries only some pages need (PDF, Word, charts, Sass, bank holidays)', async () => {
    const dataDir = scratchFolder('serve');
    await safer(dataDir, 'migrate');
    await safer(dataDir, 'create-user', '--email', 'lazy@example.com', '--name', 'Lazy', '--password', 'a long enough passphrase 1');
    // Records every package the process resolves, by import or require, and writes them out as it exits.
    const hook = join(dataDir, 'loaded.mjs');
    writeFileSync(
      hook,
      `import { registerHooks } from 'node:module';
       import { writeFileSync } from 'node:fs';
       const loaded = new Set();
       registerHooks({ resolve(specifier, context, next) { if (/^[@a-z]/.test(specifier) && !specifier.startsWith('node:')) loaded.add(specifier); return next(specifier, context); } });
       process.on('exit', () => writeFileSync(${JSON.stringify(join(dataDir, 'loaded.json'))}, JSON.stringify([...loaded])));`,
    );
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const child = spawn(process.execPath, ['--import', hook, cli, 'serve'], {
      env: environment(dataDir, { PORT: port, HOST: '127.0.0.1' }),
    });
    try {
      await waitForOutput(child, /Safer is running/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/sign-in`)).status, 200);
    } finally {
      await stop(child);
    }
    const loaded = JSON.parse(readFileSync(join(dataDir, 'loaded.json'), 'utf8')) as string[];
    assert.ok(loaded.includes('fastify'), 'the hook saw the packages loaded');
    for (const library of ['pdfkit', 'pdf-lib', 'docx', 'vega', 'vega-lite', 'sass', 'date-holidays']) {
      assert.ok(!loaded.includes(library), `${library} is loaded only when a page needs it`);
    }
  });
});

/**
 * Bad input, generated: fast-check fills every form the app draws (and every CSV import) with what an attacker
 * or a careless paste would send — long strings, NUL and other control characters, right-to-left marks, huge
 * numbers, impossible dates, another partnership's ids — and the app must answer each without a 5xx, and keep
 * nothing of a request it refused. Runs as an administrator, who passes every access check, on each engine.
 */
import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { systemPrincipal } from '../src/platform/principal.ts';
import type { Container } from '../src/container.ts';
import type { DatabaseHandle } from '../src/db/createDb.ts';
import { seedDemo } from '../src/modules/governance/index.ts';
import { Browser } from './helpers/app.ts';
import { build, suiteScope } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';
import { type RouteSampler, sampleRoutes, spareAccount } from './helpers/routes.ts';
import { type ScrapedForm, formsOn, queryKeysOn } from './helpers/scrapeForms.ts';

const password = 'a long enough password';

/** Values no form should choke on. */
function nastyValues(otherPartnershipIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      '\u0000',
      'a\u0000b',
      '\u0007\u001b[31m',
      '\u202eevil\u202c',
      '\u200f',
      '\ufeffBOM',
      '𝕊afer 🚓',
      ' ',
      '<script>',
      "'; drop table",
    ),
    fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'x'.repeat(n)),
    fc.constantFrom('1e308', '99999999999999999999999', '-1', '-0', 'NaN', 'Infinity', '0x10', '1,000,000', '£5', '9007199254740993'),
    fc.constantFrom('2023-02-30', '0000-00-00', '9999-12-31', '31/02/2023', '2023-13-01', '1899-12-31', '2023-02-29', '32', '13', '0'),
    fc.constantFrom(...otherPartnershipIds),
  );
}

/** For each field: what the page offered, or something nasty in its place. */
function bodies(form: ScrapedForm, nasty: fc.Arbitrary<string>): fc.Arbitrary<Record<string, string | string[]>> {
  const entries = Object.entries(form.fields).filter(([name]) => name !== '_csrf');
  return fc.record(
    Object.fromEntries(
      entries.map(([name, offered]) => [
        name,
        fc.oneof({ arbitrary: fc.constantFrom(...(offered.length > 0 ? offered : [''])), weight: 1 }, { arbitrary: nasty, weight: 2 }),
      ]),
    ),
  );
}

/** Besides the generated bodies, each form is sent with one nasty value in every field at once. */
function sameEverywhere(form: ScrapedForm, values: string[]): Record<string, string>[] {
  const names = Object.keys(form.fields).filter((name) => name !== '_csrf');
  return values.map((value) => Object.fromEntries(names.map((name) => [name, value])));
}

/** A CSV whose cells are nasty, under the headings the import expects. */
function csvFiles(headings: string[], nasty: fc.Arbitrary<string>): fc.Arbitrary<Buffer> {
  const cell = nasty.map((value) => `"${value.replace(/"/g, '""')}"`);
  const row = fc.array(cell, { minLength: headings.length, maxLength: headings.length }).map((cells) => cells.join(','));
  return fc.array(row, { minLength: 1, maxLength: 4 }).map((rows) => Buffer.from([headings.join(','), ...rows].join('\r\n')));
}

/**
 * What the database holds, table by table, to tell whether a refused request wrote anything: each table's rows
 * counted, with versions summed and the latest change, where it has them. Sessions are left out: a page served
 * may start one.
 */
async function fingerprint(handle: DatabaseHandle): Promise<Map<string, string>> {
  const { rows: tables } = await (
    handle.engine === 'sqlite'
      ? sql<{ table: string; columns: string }>`
        select m.name as "table", group_concat(p.name) as columns from sqlite_master m join pragma_table_info(m.name) p
        where m.type = 'table' and m.name not like 'kysely_%' and m.name not like 'sqlite_%' group by m.name`
      : sql<{ table: string; columns: string }>`
        select table_name as "table", string_agg(column_name, ',') as columns from information_schema.columns
        where table_schema = 'public' and table_name not like 'kysely_%' group by table_name`
  ).execute(handle.db);
  const parts = tables
    // Sessions change with every request, and the sign-in throttle counts every wrong password by design. The counts
    // of changes that say when kept pages are read again (decisions 0053, 0054, 0057, 0061) are moved by a lock taken by
    // writing a row unchanged (db/locks.ts) before a refusal: they hold no one's data, and a page read afresh is all it costs.
    .filter(
      ({ table }) =>
        !['sessions', 'sign_in_throttles', 'access_generation', 'page_generation', 'performance_versions', 'partnership_versions'].includes(
          table,
        ),
    )
    .map(({ table, columns }) => {
      const has = (column: string) => columns.split(',').includes(column);
      const version = has('version') ? sql`coalesce(sum(version), 0)` : sql`0`;
      const changed = has('updated_at') ? sql`coalesce(max(updated_at), '')` : sql`''`;
      // A refused form drawn again over Part II business is a read of it, rightly audited as one; and a wrong
      // password (changing one's own, or turning two-step off) is a failed sign-in, audited however the form ends;
      // and counted in audit_counts as any audit entry is.
      const kept = table === 'audit_log' || table === 'audit_counts' ? sql`where action not in ('view', 'sign-in-failed')` : sql``;
      return sql`select ${table} as t, count(*) || ':' || ${version} || ':' || ${changed} as n from ${sql.table(table)} ${kept}`;
    });
  const { rows } = await sql<{ t: string; n: string }>`${sql.join(parts, sql` union all `)}`.execute(handle.db);
  return new Map(rows.map((row) => [row.t, String(row.n)]));
}

/** The tables whose fingerprint changed. */
function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([table, n]) => before.get(table) !== n).map(([table]) => table);
}

/**
 * The fields of the one-button steps (publish, circulate, agree, release, move, remove …), for a route whose form
 * the sample records are not in a state to draw.
 */
const stepForm: ScrapedForm = {
  action: '',
  fields: { version: ['1'], reason: [''], decisionId: [''], allocationIds: [''], meetingId: [''], direction: ['up'], confirm: ['yes'] },
  fileField: null,
};

/** The GET pages on which a POST route's form may be drawn, nearest first. */
function pagesFor(url: string): string[] {
  const path = url.split('?')[0] ?? url;
  const parent = path.replace(/\/[^/]+$/, '');
  // A route two steps from the root (/sign-in/two-step) has the home page as its grandparent.
  return [path, `${path}/new`, `${path}/edit`, parent, `${parent}/new`, parent.replace(/\/[^/]+$/, '') || '/'];
}

// Steps that end the walker's session or are covered by their own tests: signing in by a code, a provider or an
// e-mailed link, and a member's own forms (their notices, two-step sign-in, interests, apologies, declarations and
// comments), which the administrator who walks here is no one to fill; each has its bad-input route test.
const passedOver = new Set([
  'POST /sign-in',
  'POST /sign-out',
  'POST /sign-in/with',
  'POST /reset-password/:token',
  'POST /sign-in/two-step',
  'POST /sign-in/two-step/set-up',
  'POST /sign-in/two-step/set-up/recovery-codes',
  'POST /account/two-step/set-up/recovery-codes',
  'POST /account/two-step/turn-off',
  'POST /account/notices',
  'POST /partnerships/:partnershipId/my-interests',
  'POST /partnerships/:partnershipId/my-interests/:id/change',
  'POST /partnerships/:partnershipId/my-interests/:id/end',
  'POST /partnerships/:partnershipId/my-interests/:id/reviewed',
  'POST /partnerships/:partnershipId/meetings/:id/apologies',
  'POST /partnerships/:partnershipId/meetings/:id/apologies/withdraw',
  'POST /partnerships/:partnershipId/meetings/:id/items/:itemId/interest',
  'POST /partnerships/:partnershipId/meetings/:id/minutes/comments',
]);
// Routes that put a record out of use go last, so the others still find theirs.
const goesLast = (url: string) => /\/(archive|remove|withdraw|status)$/.test(url) || url.includes('/roles/');

for (const database of testDatabases()) {
  describe(`bad input on ${database.engine}`, () => {
    const suite = suiteScope();
    const runs = database.engine === 'sqlite' ? 12 : 4;
    let app: FastifyInstance;
    let container: Container;
    let handle: DatabaseHandle;
    let routes: RouteSampler;
    let admin: Browser;
    let csrf = '';
    let nasty: fc.Arbitrary<string>;
    let everywhere: string[] = [];

    before(async () => {
      handle = await database.create();
      ({ app, container } = await build(suite, { database: handle, seed: false, as: 'nobody' }));
      const partnerships = await seedDemo(container.governance);
      const coventry = partnerships.get('coventry') ?? '';
      const plymouth = partnerships.get('plymouth') ?? '';
      await container.accounts.createUser(systemPrincipal, { email: 'admin@example.com', name: 'Admin', password, isAdmin: true });
      routes = await sampleRoutes(container, coventry, await spareAccount(container, coventry));
      // Another partnership's records, for the ids an attacker would put in a form.
      const { governance } = container;
      const theirs = [
        plymouth,
        ...(await governance.groups.list(plymouth)).map((r) => r.id),
        ...(await governance.people.list(plymouth)).map((r) => r.id),
        ...(await governance.organisations.list(plymouth)).map((r) => r.id),
        ...(await governance.memberships.list(plymouth)).map((r) => r.id),
      ];
      nasty = nastyValues(theirs);
      everywhere = ['a\u0000b', '\u202eevil\u202c', 'x'.repeat(70_000), '99999999999999999999999', '2023-02-30', theirs[1] ?? plymouth];
      admin = new Browser(app);
      await admin.signIn('admin@example.com', password);
      csrf = await admin.csrfToken();
    });

    // Every failure is kept, so that one run shows all the forms that fail rather than the first.
    let failures: string[] = [];
    async function holds<T extends unknown[]>(property: fc.IAsyncProperty<T>, numRuns: number, examples: T[] = []): Promise<void> {
      await fc.assert(property, { numRuns, examples }).catch((error: unknown) => {
        const cause = (error as { cause?: unknown }).cause;
        const example = /Counterexample: (.*)/.exec(String((error as Error).message))?.[1] ?? '';
        failures.push(`${String(cause instanceof Error ? cause.message.split('\n')[0] : error)} with ${example.slice(0, 300)}`);
      });
    }

    /**
     * Waits for the work an earlier request left to the job queue (an accepted upload's import, a notice), so that
     * what it writes is not taken for a write of the request under test.
     */
    async function settle(): Promise<void> {
      for (let tries = 0; tries < 400; tries++) {
        await container.notifications.runDueJobs();
        const running = await handle.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('doneAt', 'is', null)
          .where('failedAt', 'is', null)
          .where('lockedUntil', '>', new Date().toISOString())
          .executeTakeFirstOrThrow();
        if (Number(running.n) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }

    /** The request, the 5xx check and, when refused, the check that nothing was kept. */
    async function sendAndCheck(label: string, send: () => Promise<LightMyRequestResponse>): Promise<void> {
      await settle();
      const before = await fingerprint(handle);
      const response = await send();
      assert.ok(response.statusCode < 500, `${label} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      if (response.statusCode >= 400) {
        const changed = changedTables(before, await fingerprint(handle));
        assert.deepEqual(changed, [], `${label} was refused (${response.statusCode}) but wrote to ${changed.join(', ')}`);
      }
    }

    it('answers every form filled with bad input without a 5xx, and keeps nothing it refused', async (t) => {
      const posts = app.registeredRoutes
        .filter((route) => route.method === 'POST' && !passedOver.has(`POST ${route.url}`))
        .map((route) => routes.url(route.url))
        .sort((a, b) => Number(goesLast(a)) - Number(goesLast(b)));
      const withoutForm: string[] = [];
      for (const url of posts) {
        let form: ScrapedForm | undefined;
        for (const page of pagesFor(url)) {
          form = formsOn((await admin.get(page)).body).find((f) => f.action === url || (f.action === '' && page === url));
          if (form) break;
        }
        if (!form) withoutForm.push(url);
        const scraped = form ?? stepForm;
        if (scraped.fileField) {
          // A file that is nothing a form expects, with the other fields nasty.
          await holds(
            fc.asyncProperty(bodies(scraped, nasty), fc.uint8Array({ maxLength: 2_000 }), async (body, bytes) => {
              const fields = Object.fromEntries(Object.entries(body).map(([name, value]) => [name, [value].flat()[0] ?? '']));
              await sendAndCheck(`POST ${url} (file)`, () =>
                admin.upload(url, fields, {
                  field: scraped.fileField ?? 'file',
                  name: 'upload.csv',
                  content: Buffer.from(bytes),
                  type: 'text/csv',
                }),
              );
            }),
            runs,
            sameEverywhere(scraped, everywhere).map((body): [Record<string, string>, Uint8Array<ArrayBuffer>] => [
              body,
              new Uint8Array([0, 1, 2]),
            ]),
          );
          continue;
        }
        await holds(
          fc.asyncProperty(bodies(scraped, nasty), async (body) => {
            await sendAndCheck(`POST ${url}`, () => admin.post(url, { ...body, _csrf: csrf }, { csrf: false }));
          }),
          runs,
          sameEverywhere(scraped, everywhere).map((body): [Record<string, string>] => [body]),
        );
      }
      t.diagnostic(
        `${posts.length - withoutForm.length} of ${posts.length} forms filled as drawn; the step's fields sent to ${withoutForm.join(', ')}`,
      );
      assert.deepEqual(failures, []);
      // Every POST route but the few whose form the sample records are not in a state to draw has its own fields.
      assert.ok(withoutForm.length < posts.length / 4, `no form found for ${withoutForm.join(', ')}`);
    });

    beforeEach(() => {
      failures = [];
    });

    it('answers every list and page asked with bad query values without a 5xx', async () => {
      const gets = app.registeredRoutes.filter((route) => route.method === 'GET' && !route.url.startsWith('/assets'));
      for (const route of gets) {
        const url = routes.url(route.url);
        const page = await admin.get(url);
        if (page.statusCode !== 200 || !String(page.headers['content-type']).startsWith('text/html')) continue;
        const keys = [...new Set(['page', ...queryKeysOn(page.body)])];
        await holds(
          fc.asyncProperty(fc.record(Object.fromEntries(keys.map((key) => [key, nasty]))), async (query) => {
            const response = await admin.get(`${url}?${String(new URLSearchParams(query))}`);
            assert.ok(response.statusCode < 500, `GET ${url} with ${JSON.stringify(query).slice(0, 200)} answered ${response.statusCode}`);
          }),
          Math.ceil(runs / 3),
        );
      }
    });

    it('refuses CSV imports of bad rows by line, without a 5xx, and keeps none of them', async () => {
      const imports = [
        {
          url: routes.url('/partnerships/:partnershipId/performance/import'),
          headings: ['indicator', 'period', 'value', 'status', 'note'],
        },
        {
          url: routes.url('/partnerships/:partnershipId/funding/:year/spend-import'),
          headings: (
            (await admin.get(routes.url('/partnerships/:partnershipId/funding/:year/spend/:q/template.csv'))).body.split(/\r?\n/)[0] ?? ''
          ).split(','),
        },
      ];
      for (const { url, headings } of imports) {
        const form = formsOn((await admin.get(url)).body).find((f) => f.action === url);
        assert.ok(form?.fileField, `the import form at ${url}`);
        const fields = Object.fromEntries(Object.entries(form.fields).map(([name, offered]) => [name, offered[0] ?? '']));
        await holds(
          fc.asyncProperty(csvFiles(headings, nasty), async (content) => {
            await sendAndCheck(`POST ${url} (CSV)`, () =>
              admin.upload(url, fields, { field: form.fileField ?? 'file', name: 'figures.csv', content, type: 'text/csv' }),
            );
          }),
          runs,
        );
      }
      assert.deepEqual(failures, []);
    });
  });
}

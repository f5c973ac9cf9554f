/**
 * Every link a page of the action log or the audit log offers (decision 0055) leads to the rows its number says:
 * Previous and Next, the pages two either side (read on from this page's ends, passing over the page between), the
 * first and the last pages (the last read back from the end); and a page number typed in gives the same rows, read
 * from the nearer end. Through the pagination helper and the repositories, as the routes use them, on both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { type PageRead, readPage } from '../src/db/pageRead.ts';
import type { Database } from '../src/db/schema.ts';
import { type ActionFilter, actionKeyOf, countActions, listActions } from '../src/modules/actions/actions.repository.ts';
import { type AuditFilter, auditKeyOf, findAuditEntries } from '../src/modules/audit/audit.repository.ts';
import { endsOf, type PageEnds, pageSize, paginate } from '../src/web/pagination.ts';
import { seedAuditLog, seedHistory, undateActions } from '../bench/volume.ts';
import type { Browser } from './helpers/app.ts';
import { build } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';

/** A list as a route reads it: a page (with the count) for a page read, and each row's id and key. */
interface List {
  read(page: PageRead): Promise<{ rows: { id: string }[]; total: number }>;
  ends(rows: { id: string }[]): PageEnds | null;
}

/** Each page by number, and each link it offers, gives the rows of its number in the list's whole order. */
async function assertEveryLinkLeadsToItsPage(list: List, all: string[]) {
  const pageCount = Math.ceil(all.length / pageSize);
  assert.ok(pageCount >= 2, `several pages (${all.length} rows)`);
  const rowsOf = (n: number) => all.slice((n - 1) * pageSize, n * pageSize);
  const open = async (href: string) => {
    const query = Object.fromEntries(new URLSearchParams(href.split('?')[1]));
    const pagination = paginate('/list', query);
    const { rows, total } = await list.read(pagination);
    assert.equal(total, all.length);
    assert.deepEqual(
      rows.map((row) => row.id),
      rowsOf(pagination.page),
      href,
    );
    return { links: pagination.links(total, list.ends(rows)), page: pagination.page };
  };
  for (let n = 1; n <= pageCount; n++) {
    const { links } = await open(`/list?page=${n}`);
    const hrefs = [
      links?.previous?.href,
      links?.next?.href,
      ...(links?.items ?? []).map((item) => ('href' in item ? item.href : undefined)),
    ];
    for (const href of hrefs.filter((h): h is string => Boolean(h))) await open(href);
    // The pages two either side carry a key; the last page is read back from the end by its number.
    const numbered = (m: number) => links?.items.find((item) => 'number' in item && item.number === m);
    if (n + 2 <= pageCount) assert.match((numbered(n + 2) as { href: string }).href, /&after=/);
    if (n - 2 > 1) assert.match((numbered(n - 2) as { href: string }).href, /&before=/);
  }
}

for (const database of testDatabases()) {
  describe(`every link of a list's page leads to its rows, on ${database.engine}`, () => {
    const closers: (() => Promise<void>)[] = [];
    let db: Kysely<Database>;
    let client: Browser;
    let partnershipId = '';

    before(async () => {
      const built = await build({ after: (close) => void closers.push(close) }, { database: await database.create(), as: 'admin' });
      ({ client } = built);
      db = built.container.database.db;
      partnershipId = built.coventry;
      const groupIds = (await built.container.governance.groups.list(partnershipId)).map((group) => group.id);
      // Actions sharing due date and time of making; a page and a half undated, so a link two on crosses to the dated.
      await seedHistory(db, partnershipId, groupIds, { meetingCount: 180, actionsPerMeeting: 2, firstMonth: '2020-01', perMonth: 28 });
      await undateActions(db, 75);
      const userId = (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
      await seedAuditLog(db, { count: 330, partnershipId, userId, lastAt: '2026-12-01T09:00:00.000Z' });
    });
    after(async () => {
      for (const close of closers) await close();
    });

    it('leads from each page of the action log to the rows each link’s number says, with each filter', async () => {
      for (const filter of [{}, { status: 'done' }, { owner: 'agencies' }] satisfies ActionFilter[]) {
        const all = (await listActions(db, partnershipId, filter)).map((action) => action.id);
        await assertEveryLinkLeadsToItsPage(
          {
            read: (page) =>
              readPage(
                page,
                () => countActions(db, partnershipId, filter),
                (place) => listActions(db, partnershipId, filter, place),
              ),
            ends: (rows) => endsOf(rows as Awaited<ReturnType<typeof listActions>>, actionKeyOf),
          },
          all,
        );
      }
    });

    it('leads from each page of the audit log to the rows each link’s number says', async () => {
      for (const filter of [{}, { partnershipId }] satisfies AuditFilter[]) {
        const all = (await findAuditEntries(db, filter, { limit: 10_000, offset: 0 })).rows.map((entry) => entry.id);
        await assertEveryLinkLeadsToItsPage(
          {
            read: (page) => findAuditEntries(db, filter, page),
            ends: (rows) => endsOf(rows as Awaited<ReturnType<typeof findAuditEntries>>['rows'], auditKeyOf),
          },
          all,
        );
      }
    });

    it('shows the last page by the link the first page offers, as its number gives it', async () => {
      const path = `/partnerships/${partnershipId}/actions`;
      const first = await client.get(path);
      const last = [...first.body.matchAll(/href="([^"]+)"[^>]*aria-label="Page (\d+)"/g)].at(-1);
      const href = last?.[1]?.replaceAll('&amp;', '&') ?? '';
      assert.match(href, /page=\d+$/);
      const rows = (body: string) => body.match(/href="\/partnerships\/[^"/]+\/actions\/[0-9a-f-]{36}"/g);
      const all = await listActions(db, partnershipId);
      const shown = rows((await client.get(href)).body) ?? [];
      assert.equal(shown.length, all.length % pageSize || pageSize);
      assert.ok(shown.at(-1)?.includes(all.at(-1)?.id ?? 'none'), 'the last page ends with the last action');
    });
  });
}

/**
 * One partnership cannot overwrite another's crime data: the crime area is of the partnership's own force, a
 * file of another force (or any file before the area is set) is refused, and a file that would replace a month
 * held waits for the overseer, who sees the change for each partnership. A replaced file may come back, and an
 * import the job queue gave up on is failed with its reason and tried again.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { doctoredFile } from '../../../test/helpers/policeuk.ts';
import { type Container, createContainer } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import { importOutcome } from './importReport.ts';
import { scratchFolder } from '../../../test/helpers/scratch.ts';
import { monthName } from '../../platform/dates.ts';

const charnwoodArea = 'E22000165';
const leicesterArea = 'E22000168';
const plymouthArea = 'E22000056';
const month = '2022-10';
const december = '2025-12-city-of-london-street.csv';

for (const database of testDatabases()) {
  describe(`another force's crime data on ${database.engine}`, () => {
    let container: Container;
    let now = new Date('2026-01-20T09:00:00Z');
    const ids = new Map<string, string>();
    const id = (key: string) => ids.get(key) ?? '';
    let genuine: Buffer;
    let genuineLsoa: (index: number) => string = () => '';
    let doctored: Buffer;
    let batches = 0;
    const mail: string[] = [];
    let published = { leicester: 0, charnwood: 0 };

    /** Uploads a file for the partnership and runs the queue; returns the import. */
    async function upload(partnership: string, content: Buffer, fileName = `${month}-leicestershire-street.csv`) {
      const batchId = `batch-${(batches += 1)}`;
      await container.crimeData.receiveUpload(systemPrincipal, {
        partnershipId: id(partnership),
        batchId,
        fileName,
        content: Readable.from([content]),
      });
      await container.notifications.runDueJobs();
      const [row] = await container.crimeData.imports({ batchId });
      assert.ok(row);
      return row;
    }

    const crimesOf = async (partnership: string) =>
      (await container.crimeData.crimeCounts(id(partnership), { from: month, to: month })).reduce((sum, count) => sum + count.count, 0);
    const crimesIn = async (partnership: string, inMonth: string) =>
      (await container.crimeData.crimeCounts(id(partnership), { from: inMonth, to: inMonth })).reduce((sum, count) => sum + count.count, 0);
    const counts = async () => ({ leicester: await crimesOf('leicester'), charnwood: await crimesOf('charnwood') });

    before(async () => {
      container = createContainer(testConfig, {
        clock: { now: () => now },
        database: await database.create(),
        mailer: createLogMailer((line) => mail.push(line)),
      });
      for (const [key, value] of await seedDemo(container.governance)) ids.set(key, value);
      await container.crimeData.setArea(systemPrincipal, id('leicester'), leicesterArea);
      await container.crimeData.setArea(systemPrincipal, id('charnwood'), charnwoodArea);
      const lsoasOf = async (csp: string) =>
        (
          await container.database.db
            .selectFrom('crimeLsoas')
            .select('code')
            .where('cspCode', '=', csp)
            .where('edition', '=', 2011)
            .orderBy('code')
            .limit(20)
            .execute()
        ).map((row) => row.code);
      const [leicester, charnwood] = [await lsoasOf(leicesterArea), await lsoasOf(charnwoodArea)];
      // Leicestershire's October 2022, made of the City's December rows: half in Leicester, half in Charnwood.
      const force = 'Leicestershire Police';
      genuineLsoa = (index) => (index % 2 ? leicester[index % leicester.length]! : charnwood[index % charnwood.length]!);
      genuine = doctoredFile(december, { month, force, lsoa: genuineLsoa });
      // The attack: every row moved to one Charnwood LSOA, as burglary.
      doctored = doctoredFile(december, { month, force, lsoa: () => charnwood[0]!, crimeType: 'Burglary' });
      // The month as police.uk published it, imported by the operator.
      const path = join(scratchFolder('held'), `${month}-leicestershire-street.csv`);
      writeFileSync(path, genuine);
      const { imported, changes } = await container.crimeData.importFile(systemPrincipal, path);
      assert.equal(imported.status, 'complete');
      published = await counts();
      // The operator's command line replaces at once, and says what it did to each partnership of the force.
      assert.deepEqual(
        changes.map(({ cspName, before, after }) => [cspName, before, after]),
        [
          ['Charnwood', 0, published.charnwood],
          ['Leicester', 0, published.leicester],
        ],
      );
    });
    after(() => container.database.close());

    it('refuses a crime area outside the partnership’s own police force area, and keeps none', async () => {
      await assert.rejects(
        container.crimeData.setArea(systemPrincipal, id('plymouth'), charnwoodArea),
        (error: unknown) =>
          error instanceof FieldValidationError &&
          error.field === 'cspCode' &&
          /Charnwood is in the Leicestershire police force area, and Safer Plymouth is in Devon & Cornwall’s/.test(error.message),
      );
      assert.equal(await container.crimeData.area(id('plymouth')), null);
    });

    it('offers as crime areas only those of the partnership’s own police force area', async () => {
      const choices = await container.crimeData.areaChoices(id('charnwood'));
      assert.ok(choices.some((csp) => csp.code === leicesterArea) && choices.some((csp) => csp.code === charnwoodArea));
      assert.ok(
        choices.every((csp) => csp.forceName === 'Leicestershire'),
        choices.map((csp) => csp.forceName).join(),
      );
      assert.ok((await container.crimeData.csps()).length > choices.length);
    });

    it('refuses an upload while the partnership has no crime area, keeping nothing of it', async () => {
      const before = await container.crimeData.imports({ partnershipId: id('plymouth') });
      await assert.rejects(
        upload('plymouth', doctored),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'files' && /must be set before/.test(error.message),
      );
      assert.deepEqual(await container.crimeData.imports({ partnershipId: id('plymouth') }), before);
    });

    it('refuses a file of another force than the partnership’s own', async () => {
      const held = await counts();
      // Plymouth's area as the attack left it, set to Charnwood's before areas were checked: its own force still decides.
      await container.database.db
        .insertInto('crimeAreas')
        .values({ partnershipId: id('plymouth'), cspCode: charnwoodArea, updatedAt: now.toISOString() })
        .execute();
      const refused = await upload('plymouth', doctored);
      assert.equal(refused.status, 'refused');
      assert.match(
        refused.problem ?? '',
        /This file is Leicestershire Police’s, and the partnership’s police force area is Devon & Cornwall:/,
      );
      assert.deepEqual(await counts(), held);
      await container.crimeData.setArea(systemPrincipal, id('plymouth'), plymouthArea);
      assert.equal((await container.crimeData.area(id('plymouth')))?.name, 'Plymouth');
    });

    it('holds a file that replaces a month for the overseer, every figure unchanged, and shows the change per partnership', async () => {
      const held = await counts();
      assert.deepEqual(held, published);
      assert.ok(held.leicester > 0 && held.charnwood > 0);
      const waiting = await upload('charnwood', doctored);
      assert.equal(waiting.status, 'held');
      assert.match(importOutcome(waiting), /confirmed, it replaces the file held for the month for every partnership of the force/);
      assert.deepEqual(await counts(), held);
      assert.deepEqual(await container.crimeData.publishedMonths(id('leicester')), [month]);
      const { changes } = await container.crimeData.heldImport(id('charnwood'), waiting.id);
      assert.deepEqual(
        changes.map(({ cspName, before, after, differs }) => [cspName, before, after, differs]),
        [
          ['Charnwood', held.charnwood, held.charnwood + held.leicester, true],
          ['Leicester', held.leicester, 0, true],
        ],
      );
      // Not another partnership's to decide, and a rejection needs its reason.
      await assert.rejects(container.crimeData.heldImport(id('leicester'), waiting.id), /not found/);
      await assert.rejects(
        container.crimeData.decideHeldImport(systemPrincipal, id('charnwood'), waiting.id, { decision: 'reject', reason: null }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'reason',
      );
      assert.deepEqual(await counts(), held);
    });

    it('replaces the month once the overseer confirms, once however many confirm together, audited with what it replaced', async () => {
      const [waiting] = await container.crimeData.imports({ partnershipId: id('charnwood'), status: 'held' });
      assert.ok(waiting);
      const before = await counts();
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          container.crimeData.decideHeldImport(systemPrincipal, id('charnwood'), waiting.id, { decision: 'confirm', reason: null }),
        ),
      );
      assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
      for (const result of results)
        if (result.status === 'rejected') assert.ok(result.reason instanceof FieldValidationError, String(result.reason));
      assert.deepEqual(await counts(), { leicester: 0, charnwood: before.leicester + before.charnwood });
      // The force's files of the month (a file of another force refused for the month keeps its month and force).
      const statuses = await container.database.db
        .selectFrom('crimeImports')
        .select(['id', 'status'])
        .where('month', '=', month)
        .where('forceCode', '=', waiting.forceCode)
        .execute();
      assert.deepEqual(statuses.map((row) => row.status).sort(), ['complete', 'replaced']);
      const audit = await container.database.db
        .selectFrom('auditLog')
        .selectAll()
        .where('entityId', '=', waiting.id)
        .where('action', '=', 'create')
        .execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]!.summary, /replacing 2022-10-leicestershire-street\.csv \(810 crimes\)/);
    });

    it('takes the genuine file back after a replacement: a new import, held and confirmed', async () => {
      const back = await upload('leicester', genuine);
      assert.equal(back.status, 'held', 'the replaced file is not taken for one already imported');
      await container.crimeData.decideHeldImport(systemPrincipal, id('leicester'), back.id, { decision: 'confirm', reason: null });
      assert.deepEqual(await counts(), published);
    });

    it('changes nothing when the overseer rejects a file, and says why', async () => {
      const before = await counts();
      const waiting = await upload('charnwood', doctored);
      assert.equal(waiting.status, 'held');
      const rejected = await container.crimeData.decideHeldImport(systemPrincipal, id('charnwood'), waiting.id, {
        decision: 'reject',
        reason: 'Not police.uk’s file',
      });
      assert.equal(rejected.status, 'rejected');
      assert.equal(rejected.problem, 'Not police.uk’s file');
      assert.deepEqual(await counts(), before);
      const left = await container.database.db
        .selectFrom('crimes')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('importId', '=', waiting.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(left.n), 0);
    });

    it('lists the held file for every partnership of its force, and e-mails the area’s overseers the page where they decide', async () => {
      // An overseer of Leicester's area is told, with the link; one of another area is not.
      const { areaId } = await container.governance.partnerships.get(null, id('leicester'));
      const { areaId: otherArea } = await container.governance.partnerships.get(null, id('plymouth'));
      const grant = async (email: string, area: string) => {
        const userId = await container.accounts.createUser(systemPrincipal, {
          email,
          name: email,
          password: 'a long enough password',
          isAdmin: false,
        });
        await container.accounts.grantRole(systemPrincipal, userId, 'overseer', { partnershipId: null, areaId: area });
      };
      await grant('leics-overseer@example.com', areaId);
      await grant('devon-overseer@example.com', otherArea);
      mail.length = 0;
      const waiting = await upload('leicester', doctoredFile(december, { month, force: 'Leicestershire Police', lsoa: () => '' }));
      assert.equal(waiting.status, 'held');
      await container.notifications.runDueJobs();
      assert.equal(mail.length, 1, mail.join('\n---\n'));
      assert.match(
        mail[0]!,
        /to leics-overseer@example\.com: A police\.uk file waits for your decision: Leicestershire Police, October 2022/,
      );
      assert.match(mail[0]!, new RegExp(`${testConfig.publicUrl}/partnerships/${id('leicester')}/crime-data/held/${waiting.id}`));
      assert.match(mail[0]!, /Uploaded by an operator from Leicester City Crime and Disorder Reduction Partnership on/);
      for (const partnership of ['charnwood', 'leicester'])
        assert.deepEqual(
          (await container.crimeData.waitingFiles(id(partnership))).map((file) => [file.id, file.partnershipName]),
          [[waiting.id, 'Leicester City Crime and Disorder Reduction Partnership']],
        );
      assert.deepEqual(await container.crimeData.waitingFiles(id('plymouth')), []);
      assert.deepEqual(
        (await container.crimeData.waitingFiles()).map((file) => file.id),
        [waiting.id],
      );
      await container.crimeData.decideHeldImport(systemPrincipal, id('leicester'), waiting.id, { decision: 'reject', reason: 'A test' });
    });

    it('e-mails the overseers once for an upload of held files, listing each, reading only that upload’s files', async (t) => {
      const batchId = 'three-months';
      const months = ['2021-01', '2021-02', '2021-03'];
      for (const inMonth of months) {
        const content = doctoredFile(december, { month: inMonth, force: 'Leicestershire Police', lsoa: genuineLsoa });
        await container.crimeData.receiveUpload(systemPrincipal, {
          partnershipId: id('charnwood'),
          batchId,
          fileName: `${inMonth}-leicestershire-street.csv`,
          content: Readable.from([content]),
        });
      }
      mail.length = 0;
      // The notice reads the upload's own files, never every file waiting.
      const scans = t.mock.method(container.crimeData, 'waitingFiles');
      await container.notifications.runDueJobs();
      assert.equal(scans.mock.callCount(), 0);
      scans.mock.restore();
      const rows = await container.crimeData.imports({ batchId });
      assert.deepEqual(
        rows.map((row) => row.status),
        ['held', 'held', 'held'],
      );
      assert.equal(mail.length, 1, mail.join('\n---\n'));
      assert.match(mail[0]!, /to leics-overseer@example\.com: 3 police\.uk files wait for your decision: Leicestershire Police, 3 months/);
      for (const row of rows)
        assert.match(mail[0]!, new RegExp(`${testConfig.publicUrl}/partnerships/${id('charnwood')}/crime-data/held/${row.id}`));
      assert.match(mail[0]!, /2021-02-leicestershire-street\.csv \(Leicestershire Police, February 2021\): confirmed, it adds the month/);
      // Every file waiting, with its partnership: governance asked once a partnership, not once a file.
      const lookups = t.mock.method(container.governance.partnerships, 'get');
      const waiting = await container.crimeData.waitingFiles();
      assert.equal(lookups.mock.callCount(), new Set(waiting.map((file) => file.partnershipId)).size);
      lookups.mock.restore();
      assert.ok(waiting.length >= 3);
      for (const row of rows)
        await container.crimeData.decideHeldImport(systemPrincipal, id('charnwood'), row.id, { decision: 'reject', reason: 'A test' });
    });

    it('counts the crimes a file gives another type or place, when every total stays the same', async () => {
      // Forty of Charnwood's crimes recoded as burglary, in the same LSOAs: every partnership's total as it was.
      let recoded = 0;
      const recodedFile = doctoredFile(december, {
        month,
        force: 'Leicestershire Police',
        lsoa: genuineLsoa,
        crimeType: (index, { type, lsoa }) => {
          if (!lsoa || index % 2 || type === 'Burglary' || recoded === 40) return type;
          recoded += 1;
          return 'Burglary';
        },
      });
      const waiting = await upload('charnwood', recodedFile);
      assert.equal(waiting.status, 'held');
      const held = await counts();
      const { changes, uploadedFrom } = await container.crimeData.heldImport(id('charnwood'), waiting.id);
      assert.equal(uploadedFrom, 'Charnwood Community Safety Partnership');
      assert.deepEqual(
        changes.map(({ cspName, before, after, moved, differs }) => [cspName, before, after, moved, differs]),
        [
          ['Charnwood', held.charnwood, held.charnwood, 40, true],
          ['Leicester', held.leicester, held.leicester, 0, false],
        ],
      );
    });

    it('says who rejected a held file, when and why, once it is decided', async () => {
      const [waiting] = await container.crimeData.imports({ partnershipId: id('charnwood'), status: 'held' });
      assert.ok(waiting);
      const overseer = await container.accounts.createUser(systemPrincipal, {
        email: 'olive@example.com',
        name: 'Olive Overseer',
        password: 'a long enough password',
        isAdmin: false,
      });
      await container.crimeData.decideHeldImport({ userId: overseer }, id('charnwood'), waiting.id, {
        decision: 'reject',
        reason: 'Recoded by hand',
      });
      const { decided } = await container.crimeData.heldImport(id('charnwood'), waiting.id);
      assert.deepEqual(decided, { outcome: 'rejected', by: 'Olive Overseer', at: now.toISOString(), reason: 'Recoded by hand' });
      const listed = await container.crimeData.imports({ partnershipId: id('charnwood'), status: 'rejected' });
      assert.equal(listed.find((row) => row.id === waiting.id)?.decidedByName, 'Olive Overseer');
    });

    it('fails an import the job queue gave up on, with its reason, and finishes it when tried again', async () => {
      const november = doctoredFile(december, { month: '2022-11', force: 'Leicestershire Police', lsoa: () => '' });
      const batchId = 'given-up';
      await container.crimeData.receiveUpload(systemPrincipal, {
        partnershipId: id('leicester'),
        batchId,
        fileName: '2022-11-leicestershire-street.csv',
        content: Readable.from([november]),
      });
      // Every try fails: the crimes table is out of the way.
      await sql`alter table crimes rename to crimes_away`.execute(container.database.db);
      try {
        for (let attempt = 0; attempt < 5; attempt += 1) {
          await container.notifications.runDueJobs();
          now = new Date(now.getTime() + 60 * 60_000);
        }
      } finally {
        await sql`alter table crimes_away rename to crimes`.execute(container.database.db);
      }
      const [failed] = await container.crimeData.imports({ batchId });
      assert.ok(failed);
      assert.equal(failed.status, 'failed');
      // Plain words on the page; the technical reason for the administrator, in the audit log.
      assert.equal(
        failed.problem,
        'The import stopped before it finished. Try again. Nothing of the file counts yet; if it stops again, tell your administrator.',
      );
      const stopped = await container.database.db
        .selectFrom('auditLog')
        .select(['summary', 'afterJson'])
        .where('entityId', '=', failed.id)
        .where('summary', 'like', '%stopped before it finished%')
        .executeTakeFirstOrThrow();
      assert.match(stopped.summary, /crimes/);
      assert.match(String(stopped.afterJson), /"reason":".*crimes.*"/);
      const tries = await Promise.allSettled(
        Array.from({ length: 10 }, () => container.crimeData.retryImport(systemPrincipal, id('leicester'), failed.id)),
      );
      assert.ok(tries.every((result) => result.status === 'fulfilled'));
      const queued = await container.database.db
        .selectFrom('jobs')
        .select('id')
        .where('kind', '=', 'crime-import')
        .where('doneAt', 'is', null)
        .where('failedAt', 'is', null)
        .execute();
      assert.equal(queued.length, 1, 'queued once');
      await container.notifications.runDueJobs();
      const [done] = await container.crimeData.imports({ batchId });
      // Its run finished: a month the force does not hold, so it waits for the overseer (Charnwood's area is set too).
      assert.equal(done?.status, 'held');
      assert.equal(done?.crimes, 810);
    });

    it('counts a force’s file only for its own partnerships, whatever LSOAs its rows name', async () => {
      await container.crimeData.setArea(systemPrincipal, id('plymouth'), plymouthArea);
      const before = await counts();
      // Devon and Cornwall's file for a month it had not published, every row placed in Charnwood.
      const charnwoodLsoa = (await container.crimeData.areaLsoas(id('charnwood'), month))[0]?.code ?? '';
      const planted = doctoredFile(december, { month, force: 'Devon & Cornwall Police', lsoa: () => charnwoodLsoa });
      const imported = await upload('plymouth', planted, `${month}-devon-and-cornwall-street.csv`);
      assert.equal(imported.status, 'complete');
      assert.deepEqual(await counts(), before, 'no Leicestershire partnership’s figures changed');
    });

    it('holds a new month that would add to another partnership’s figures, and says it adds the month', async () => {
      const leicester = (await container.crimeData.areaLsoas(id('leicester'), month))[0]?.code ?? '';
      const september = '2022-09';
      const intoLeicester = doctoredFile(december, { month: september, force: 'Leicestershire Police', lsoa: () => leicester });
      const held = await upload('charnwood', intoLeicester, `${september}-leicestershire-street.csv`);
      assert.equal(held.status, 'held');
      assert.equal(await crimesIn('leicester', september), 0, 'Leicester’s September waits for the overseer');
      // The overseer is shown a month to add, with what it gives each partnership.
      const view = await container.crimeData.heldImport(id('charnwood'), held.id);
      assert.equal(view.replacesMonth, false);
      const forLeicester = view.changes.find((change) => change.partnershipId === id('leicester'));
      assert.equal(forLeicester?.before, 0);
      assert.ok((forLeicester?.after ?? 0) > 0);
      assert.match(importOutcome(held), /confirmed, it adds the month, which Safer does not hold for the force yet/);
    });

    it('holds a new month even when it gives the other partnerships no crime: the month would be held for them, at 0', async () => {
      const charnwood = (await container.crimeData.areaLsoas(id('charnwood'), month))[0]?.code ?? '';
      // police.uk's November 2022 cut down to twelve rows, all in Charnwood.
      const july = '2022-07';
      const twelve = doctoredFile(december, { month: july, force: 'Leicestershire Police', lsoa: () => charnwood })
        .toString()
        .split('\r\n')
        .slice(0, 13)
        .join('\r\n');
      const held = await upload('charnwood', Buffer.from(`${twelve}\r\n`), `${july}-leicestershire-street.csv`);
      assert.equal(held.status, 'held');
      assert.ok(!(await container.crimeData.publishedMonths(id('leicester'))).includes(july), 'not a held month of 0 for Leicester');
      const view = await container.crimeData.heldImport(id('charnwood'), held.id);
      assert.deepEqual(
        view.changes.map(({ cspName, before, after }) => [cspName, before, after]),
        [
          ['Charnwood', 0, 12],
          ['Leicester', 0, 0],
        ],
      );
      // The same file again is the one waiting, said so: it was never imported.
      const same = await upload('charnwood', Buffer.from(`${twelve}\r\n`), `${july}-leicestershire-street.csv`);
      assert.equal(same.status, 'unchanged');
      assert.match(
        importOutcome(same),
        /^This file \(Leicestershire Police, July 2022\) is the same as 2022-07-leicestershire-street\.csv, already waiting for the area’s overseer’s decision: nothing has changed\.$/,
      );
      // Sent by another partnership of the force, the waiting file is not named: its name is Charnwood's.
      const fromLeicester = await upload('leicester', Buffer.from(`${twelve}\r\n`), 'charnwood-working-copy.csv');
      assert.equal(fromLeicester.status, 'unchanged');
      assert.match(
        importOutcome(fromLeicester),
        /^This file \(Leicestershire Police, July 2022\) is the same as a file another partnership of the force sent, already waiting for the area’s overseer’s decision: nothing has changed\.$/,
      );
      // The force's only partnership with a crime area adds a month alone: Plymouth is Devon and Cornwall's.
      const plymouthLsoa = (await container.crimeData.areaLsoas(id('plymouth'), july))[0]?.code ?? '';
      const own = doctoredFile(december, { month: july, force: 'Devon & Cornwall Police', lsoa: () => plymouthLsoa });
      assert.equal((await upload('plymouth', own, `${july}-devon-and-cornwall-street.csv`)).status, 'complete');
    });

    it('refuses a file for a month that has not ended', async () => {
      const thisMonth = now.toISOString().slice(0, 7);
      const early = await upload('charnwood', doctoredFile(december, { month: thisMonth, force: 'Leicestershire Police' }));
      assert.equal(early.status, 'refused');
      assert.match(
        early.problem ?? '',
        new RegExp(`This file is for ${monthName(thisMonth)}: police\\.uk publishes a month’s crimes only after the month has ended\\.`),
      );
    });

    it('holds a file that names its force another way, as it holds any file replacing a month held', async () => {
      const before = await counts();
      const respelt = doctoredFile(december, { month, force: 'Leicestershire Constabulary', lsoa: () => 'E01025679' });
      const imported = await upload('charnwood', respelt);
      assert.equal(imported.status, 'held');
      assert.deepEqual(await counts(), before);
    });

    it('tries again only a stopped import: a held one is refused in words, and stays held', async () => {
      const [held] = await container.crimeData.imports({ partnershipId: id('charnwood'), status: 'held' });
      assert.ok(held);
      await assert.rejects(
        container.crimeData.retryImport(systemPrincipal, id('charnwood'), held.id),
        (error: unknown) =>
          error instanceof FieldValidationError &&
          /^Only a stopped import can be tried again: .* is “Waiting for the overseer”, so nothing has been done\.$/.test(error.message),
      );
      assert.equal((await container.crimeData.imports({ partnershipId: id('charnwood'), status: 'held' }))[0]?.id, held.id);
    });

    it('holds nothing of an upload refused part way: a file that would be held, then a zip refused, leaves no import, job or e-mail', async () => {
      const folder = scratchFolder('batch');
      writeFileSync(join(folder, 'a_ok.csv'), doctored);
      writeFileSync(join(folder, 'b_bad.zip'), 'Crime ID,Month\r\n');
      const count = async (table: 'crimeUploadChunks' | 'jobs') =>
        Number(
          (
            await container.database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const jobs = await count('jobs');
      mail.length = 0;
      const batchId = 'refused-part-way';
      await assert.rejects(
        container.crimeData.receiveBatch(systemPrincipal, {
          partnershipId: id('charnwood'),
          batchId,
          files: [
            { fileName: `${month}-leicestershire-street.csv`, path: join(folder, 'a_ok.csv'), zip: false },
            { fileName: 'b_bad.zip', path: join(folder, 'b_bad.zip'), zip: true },
          ],
          maxStreetFiles: 60,
        }),
        (error: unknown) => error instanceof FieldValidationError && /b_bad\.zip is not a zip file/.test(error.message),
      );
      await container.notifications.runDueJobs();
      assert.deepEqual(await container.crimeData.imports({ batchId }), []);
      assert.equal(await count('crimeUploadChunks'), 0);
      assert.equal(await count('jobs'), jobs, 'no import, and no notice, queued');
      assert.deepEqual(mail, []);
    });
  });
}

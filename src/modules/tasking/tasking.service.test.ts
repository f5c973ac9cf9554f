import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { refusal } from '../../../test/helpers/refusal.ts';
import { scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { wordsOfPdf } from '../../../test/helpers/pdf.ts';
import { type Container, createContainer } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { ConflictError, FieldValidationError, NotPermittedError } from '../../platform/errors.ts';
import { sql } from 'kysely';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import { cityOfLondonForce } from '../../../test/helpers/policeuk.ts';
import { signedIn } from '../../../test/helpers/principals.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'policeuk');
const files = {
  '2025-11': join(fixtures, '2025-11-city-of-london-street.csv'),
  '2025-12': join(fixtures, '2025-12-city-of-london-street.csv'),
};
const cityOfLondon = 'E22000180';

/** Crimes in the file at the LSOAs, counted independently of the import. */
function crimesIn(month: keyof typeof files, lsoas: readonly string[]): number {
  const rows = parse<Record<string, string>>(readFileSync(files[month]), { bom: true, columns: true });
  return rows.filter((row) => lsoas.includes(row['LSOA code'] ?? '')).length;
}

for (const database of testDatabases()) {
  describe(`tasking on ${database.engine}`, () => {
    let container: Container;
    let partnershipId: string;
    let groupId: string;
    let meetingId: string;
    let organisationId: string;
    let locationId: string;
    let areaLsoas: string[];

    before(async () => {
      container = createContainer(testConfig, {
        clock: { now: () => new Date('2026-01-05T09:00:00Z') },
        database: await database.create(),
        mailer: createLogMailer(() => undefined),
      });
      partnershipId = (await seedDemo(container.governance)).get('coventry') ?? '';
      const [group] = await container.governance.groups.list(partnershipId);
      groupId = group?.id ?? '';
      const [organisation] = await container.governance.organisations.list(partnershipId);
      organisationId = organisation?.id ?? '';
      // Thursday 8 January 2026: the document is issued on Wednesday 7th.
      meetingId = await scheduleMeeting(container.meetings, partnershipId, groupId, '2026-01-08');
      await cityOfLondonForce(container, partnershipId);
      await container.crimeData.setArea(systemPrincipal, partnershipId, cityOfLondon);
      for (const path of Object.values(files)) await container.crimeData.importFile(systemPrincipal, path);
      areaLsoas = (await container.crimeData.areaLsoas(partnershipId, '2025-12')).map((lsoa) => lsoa.code);
    });
    after(() => container.database.close());

    it('keeps a priority location to the LSOAs and streets of the area', async () => {
      assert.match(
        await refusal(
          container.tasking.createLocation(systemPrincipal, partnershipId, {
            name: 'Camden',
            kind: 'lsoa',
            places: ['E01000907'],
            reason: null,
          }),
          'places',
        ),
        /E01000907 is not an LSOA of the partnership’s area/,
      );
      assert.match(
        await refusal(
          container.tasking.createLocation(systemPrincipal, partnershipId, {
            name: 'Nowhere',
            kind: 'street',
            places: ['On or near Nowhere Lane'],
            reason: null,
          }),
          'places',
        ),
        /No crime in the area was recorded at "On or near Nowhere Lane"/,
      );
      locationId = await container.tasking.createLocation(systemPrincipal, partnershipId, {
        name: 'Eastern City',
        kind: 'lsoa',
        places: areaLsoas.slice(0, 2),
        reason: 'Theft from the person around the stations',
      });
      const { location, series, trend } = await container.tasking.location(partnershipId, locationId);
      assert.deepEqual(location.places, [...areaLsoas.slice(0, 2)].sort());
      assert.equal(series.at(-1)?.count, crimesIn('2025-12', areaLsoas.slice(0, 2)));
      assert.equal(series.at(-2)?.count, crimesIn('2025-11', areaLsoas.slice(0, 2)));
      // The series starts at the first month held: a month before it is not held in Safer, not a gap the force left.
      assert.deepEqual(
        series.map((entry) => entry.month),
        ['2025-11', '2025-12'],
      );
      assert.equal(trend.direction, 'not enough data');
    });

    it('records an agency’s resource as an action it owns in the group’s action log, and its result', async () => {
      assert.equal(
        await refusal(
          container.tasking.recordAction(systemPrincipal, partnershipId, {
            groupId,
            month: '2025-11',
            target: `location:${locationId}`,
            resource: 'patrols',
            organisationId,
            startsOn: '2025-12-10',
            endsOn: '2025-12-01',
            description: 'High-visibility patrols at the station exits',
          }),
          'endsOn',
        ),
        'The last day must be the same as or after the first day',
      );
      const id = await container.tasking.recordAction(systemPrincipal, partnershipId, {
        groupId,
        month: '2025-11',
        target: `location:${locationId}`,
        resource: 'patrols',
        organisationId,
        startsOn: '2025-12-01',
        endsOn: '2025-12-14',
        description: 'High-visibility patrols at the station exits',
      });
      const recorded = await container.tasking.action(partnershipId, id);
      const { action } = await container.actions.action(partnershipId, recorded.actionId, systemPrincipal);
      assert.equal(action.groupId, groupId);
      assert.equal(action.owner, recorded.organisationName);
      assert.equal(action.dueDate, '2025-12-14');
      assert.match(action.description, /^Patrols at Eastern City, 1 December 2025 to 14 December 2025: High-visibility patrols/);
      // The group has had tasking now (the tasking page opens on it), and the action log can name the tasking.
      assert.deepEqual(await container.tasking.taskingGroups(partnershipId), [{ groupId, month: '2025-11' }]);
      assert.deepEqual(await container.tasking.documentsOfActions(partnershipId, [recorded.actionId, 'another']), [
        { actionId: recorded.actionId, groupId, month: '2025-11' },
      ]);
      assert.deepEqual(await container.tasking.documentsOfActions(partnershipId, []), []);

      const stranger = signedIn({ email: 'nobody@example.com' });
      await assert.rejects(container.tasking.reportResult(stranger, partnershipId, id, recorded.version, 'Two arrests'), NotPermittedError);
      await container.tasking.reportResult(systemPrincipal, partnershipId, id, recorded.version, 'Two arrests; thefts down');
      const reported = await container.tasking.action(partnershipId, id);
      assert.equal(reported.result, 'Two arrests; thefts down');
      assert.equal(reported.actionStatus, 'done');
      assert.equal(reported.crimesInMonth, crimesIn('2025-11', areaLsoas.slice(0, 2)));
      assert.equal(reported.crimesNextMonth, crimesIn('2025-12', areaLsoas.slice(0, 2)));
    });

    it('builds the month’s document: the area, each priority location, last month’s tasking and the meeting it is for', async () => {
      const document = await container.tasking.document(partnershipId, groupId, '2025-12');
      assert.equal(document.published, true);
      assert.equal(document.areaName, 'City of London');
      assert.equal(document.total.count, crimesIn('2025-12', areaLsoas));
      assert.equal(document.total.lastMonth, crimesIn('2025-11', areaLsoas));
      assert.equal(document.total.sameMonthLastYear, null);
      assert.deepEqual(document.meeting && { id: document.meeting.id, date: document.meeting.date }, { id: meetingId, date: '2026-01-08' });
      assert.equal(document.issueDate, '2026-01-07');
      const [eastern] = document.sections;
      assert.equal(eastern?.kind, 'priority');
      assert.equal(eastern?.count, crimesIn('2025-12', areaLsoas.slice(0, 2)));
      assert.equal(eastern?.lastMonthActions.length, 1);
      assert.equal(eastern?.lastMonthActions[0]?.result, 'Two arrests; thefts down');
      assert.equal(
        eastern?.crimeTypes.reduce((sum, type) => sum + type.count, 0),
        eastern?.count,
      );
      assert.ok((eastern?.points.length ?? 0) > 0);
      assert.ok(document.accuracy, 'last month is published, so the accuracy is measured');

      const unpublished = await container.tasking.document(partnershipId, groupId, '2025-10');
      assert.equal(unpublished.published, false);
      assert.deepEqual(unpublished.sections, []);
    });

    it('issues the document to the group, then puts it on the meeting’s agenda in one step', async () => {
      await refusal(container.tasking.attach(systemPrincipal, partnershipId, groupId, '2025-12', meetingId), 'meetingId');
      await container.tasking.issue(systemPrincipal, partnershipId, groupId, '2025-12');
      await refusal(container.tasking.issue(systemPrincipal, partnershipId, groupId, '2025-12'), 'form');
      const tasked = await container.tasking.taskingGroups(partnershipId);
      assert.ok(
        tasked.some((group) => group.groupId === groupId && group.month === '2025-12'),
        'an issued document counts as tasking',
      );
      const file = await container.tasking.documentFile(partnershipId, groupId, '2025-12', 'pdf');
      assert.match(wordsOfPdf(file.bytes), /Eastern City/);
      await container.tasking.attach(systemPrincipal, partnershipId, groupId, '2025-12', meetingId);
      const document = await container.tasking.document(partnershipId, groupId, '2025-12');
      assert.ok(document.issued?.agendaItemId);
      const items = (await container.agenda.agenda(partnershipId, meetingId)).flatMap((section) => section.items);
      const item = items.find((candidate) => candidate.id === document.issued?.agendaItemId);
      assert.match(item?.title ?? '', /^Tasking document: .*December 2025$/);
      assert.equal(item?.confidential, true);
    });

    it('saves one of ten changes to a priority location made at once from the same version, with one audit entry', async () => {
      const { location: before } = await container.tasking.location(partnershipId, locationId);
      const settled = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) =>
          container.tasking.updateLocation(systemPrincipal, partnershipId, locationId, before.version, {
            name: `Eastern City ${n}`,
            kind: 'lsoa',
            places: before.places,
            reason: before.reason,
          }),
        ),
      );
      const refused = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      assert.equal(refused.length, 9);
      const { location: after } = await container.tasking.location(partnershipId, locationId);
      assert.equal(after.version, before.version + 1);
      for (const error of refused) {
        assert.ok(error instanceof ConflictError, String(error));
        assert.equal(error.currentVersion, after.version);
      }
      const entries = await container.database.db
        .selectFrom('auditLog')
        .select('summary')
        .where('entityId', '=', locationId)
        .where('action', '=', 'update')
        .execute();
      assert.deepEqual(
        entries.map((entry) => entry.summary),
        [`Priority location "${after.name}" changed`],
      );
    });

    it('writes a result to both the action log and the tasking action, or to neither', async () => {
      const id = await container.tasking.recordAction(systemPrincipal, partnershipId, {
        groupId,
        month: '2025-12',
        target: `location:${locationId}`,
        resource: 'cctv',
        organisationId,
        startsOn: '2026-01-01',
        endsOn: '2026-01-14',
        description: 'Cameras on the station approach',
      });
      const recorded = await container.tasking.action(partnershipId, id);
      // The tasking row's write fails after the action log's, as a crash between the two would leave it.
      const { db } = container.database;
      const postgres = container.database.engine === 'postgres';
      if (postgres) {
        await sql`create function refuse_result() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`.execute(
          db,
        );
        await sql`create trigger refuse_result before update on tasking_actions for each row execute function refuse_result()`.execute(db);
      } else {
        await sql`create trigger refuse_result before update on tasking_actions begin select raise(abort, 'refused'); end`.execute(db);
      }
      try {
        await assert.rejects(
          container.tasking.reportResult(systemPrincipal, partnershipId, id, recorded.version, 'Nothing seen'),
          /refused/,
        );
      } finally {
        await sql`drop trigger refuse_result${postgres ? sql` on tasking_actions` : sql``}`.execute(db);
        if (postgres) await sql`drop function refuse_result()`.execute(db);
      }
      const after = await container.tasking.action(partnershipId, id);
      assert.equal(after.result, null);
      assert.equal(after.actionStatus, 'open');
      assert.deepEqual((await container.actions.action(partnershipId, recorded.actionId, systemPrincipal)).updates, []);
    });

    it('puts the tasking document on an agenda once when it is attached ten times at once', async () => {
      await container.tasking.issue(systemPrincipal, partnershipId, groupId, '2025-11');
      const later = await scheduleMeeting(container.meetings, partnershipId, groupId, '2026-02-12');
      const settled = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) =>
          container.tasking.attach(systemPrincipal, partnershipId, groupId, '2025-11', n % 2 === 0 ? meetingId : later),
        ),
      );
      const refused = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      assert.equal(refused.length, 9);
      for (const error of refused) assert.ok(error instanceof FieldValidationError && error.field === 'meetingId', String(error));
      const document = await container.tasking.document(partnershipId, groupId, '2025-11');
      const onAgendas = [meetingId, later].map(async (meeting) =>
        (await container.agenda.agenda(partnershipId, meeting))
          .flatMap((section) => section.items)
          .filter((item) => item.title.endsWith('November 2025')),
      );
      const items = (await Promise.all(onAgendas)).flat();
      assert.equal(items.length, 1);
      assert.equal(items[0]?.id, document.issued?.agendaItemId);
    });
  });
}

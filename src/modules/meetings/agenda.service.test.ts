import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../../test/helpers/database.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { systemClock } from '../../platform/clock.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import type { DatabaseHandle } from '../../db/createDb.ts';
import { createAuditTrail } from '../audit/index.ts';
import { createGovernanceService, seedDemo } from '../governance/index.ts';
import { type AgendaService, createAgendaService, createMeetingsService, governanceReads, type MeetingsService } from './index.ts';
import { scheduleMeeting } from '../../../test/helpers/meetings.ts';

const item = (title: string, section: 'decision' | 'noting' | 'briefing' = 'decision') => ({
  title,
  section,
  presenter: null,
  purpose: null,
  confidential: false,
  confidentialReason: null,
});

for (const database of testDatabases()) {
  describe(`agendas on ${database.engine}`, () => {
    let handle: DatabaseHandle;
    let meetings: MeetingsService;
    let agenda: AgendaService;
    let coventry: string;
    let meetingId: string;

    const titles = async () =>
      (await agenda.agenda(coventry, meetingId)).flatMap((section) => section.items.map((i) => `${i.number}. ${i.title}`));

    before(async () => {
      handle = await database.create();
      const audit = createAuditTrail({ db: handle.db, clock: systemClock });
      const governance = createGovernanceService({ db: handle.db, audit, clock: systemClock });
      meetings = createMeetingsService({ db: handle.db, audit, clock: systemClock, governance: governanceReads(governance) });
      agenda = createAgendaService({ db: handle.db, audit, clock: systemClock });
      coventry = (await seedDemo(governance)).get('coventry') ?? '';
      const [board] = await governance.groups.list(coventry);
      meetingId = await scheduleMeeting(meetings, coventry, board?.id ?? '', '2007-11-30');
    });
    after(() => handle.close());

    it('starts every agenda with the standard items', async () => {
      assert.deepEqual(await titles(), [
        '1. Welcome, introductions and apologies',
        '2. Declarations of interest',
        '3. Minutes of the last meeting and matters arising',
        '4. Any other business',
        '5. Date of next meeting',
      ]);
    });

    it('numbers added items by section, and moves them', async () => {
      await agenda.addItem(systemPrincipal, coventry, meetingId, item('Crime performance report', 'noting'));
      const dppo = await agenda.addItem(systemPrincipal, coventry, meetingId, item('Designated Public Places Order'));
      await agenda.addItem(systemPrincipal, coventry, meetingId, item('Strategic Assessment'));
      assert.deepEqual((await titles()).slice(3, 6), [
        '4. Designated Public Places Order',
        '5. Strategic Assessment',
        '6. Crime performance report',
      ]);
      await agenda.moveItem(systemPrincipal, coventry, meetingId, dppo, 'down');
      assert.deepEqual((await titles()).slice(3, 6), [
        '4. Strategic Assessment',
        '5. Designated Public Places Order',
        '6. Crime performance report',
      ]);
      assert.equal((await titles()).at(-1), '8. Date of next meeting');
    });

    it('moves an item to the end of its new section when its section changes', async () => {
      const [decisions] = (await agenda.agenda(coventry, meetingId)).filter((s) => s.section === 'decision');
      const first = decisions?.items[0];
      assert.ok(first);
      await agenda.updateItem(systemPrincipal, coventry, meetingId, first.id, first.version, { ...item(first.title, 'noting') });
      assert.deepEqual((await titles()).slice(3, 6), [
        '4. Designated Public Places Order',
        '5. Crime performance report',
        '6. Strategic Assessment',
      ]);
    });

    it('keeps the standard items: they cannot be removed', async () => {
      const [opening] = await agenda.agenda(coventry, meetingId);
      const welcome = opening?.items[0];
      assert.ok(welcome);
      await assert.rejects(agenda.removeItem(systemPrincipal, coventry, meetingId, welcome.id, welcome.version), FieldValidationError);
    });

    it('takes the optional declarations item off an agenda that had none (seed 000)', async () => {
      const [opening] = await agenda.agenda(coventry, meetingId);
      const declarations = opening?.items.find((i) => i.standardItem === 'declarations');
      assert.ok(declarations);
      await agenda.removeItem(systemPrincipal, coventry, meetingId, declarations.id, declarations.version);
      assert.deepEqual((await titles()).slice(0, 2), [
        '1. Welcome, introductions and apologies',
        '2. Minutes of the last meeting and matters arising',
      ]);
    });
  });
}

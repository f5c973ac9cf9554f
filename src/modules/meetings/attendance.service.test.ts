import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../../test/helpers/database.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { systemClock } from '../../platform/clock.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { DatabaseHandle } from '../../db/createDb.ts';
import { createAuditTrail } from '../audit/index.ts';
import { createGovernanceService, type GovernanceService, seedDemo } from '../governance/index.ts';
import { type AttendanceService, createAttendanceService, createMeetingsService, governanceReads } from './index.ts';
import type { AttendanceInput } from './attendance.service.ts';
import { scheduleMeeting } from '../../../test/helpers/meetings.ts';

for (const database of testDatabases()) {
  describe(`attendance on ${database.engine}`, () => {
    let handle: DatabaseHandle;
    let governance: GovernanceService;
    let attendance: AttendanceService;
    let coventry: string;
    let meetingId: string;

    before(async () => {
      handle = await database.create();
      const audit = createAuditTrail({ db: handle.db, clock: systemClock });
      governance = createGovernanceService({ db: handle.db, audit, clock: systemClock });
      const meetings = createMeetingsService({ db: handle.db, audit, clock: systemClock, governance: governanceReads(governance) });
      attendance = createAttendanceService({ db: handle.db, audit, clock: systemClock, governance: governanceReads(governance) });
      coventry = (await seedDemo(governance)).get('coventry') ?? '';
      const [board] = await governance.groups.list(coventry);
      meetingId = await scheduleMeeting(meetings, coventry, board?.id ?? '', '2016-07-21');
    });
    after(() => handle.close());

    /** One voting member of each Responsible Authority present, and `community` voting community members. */
    async function register(community: number, options: { substituteFor?: string } = {}): Promise<AttendanceInput> {
      const { members } = await attendance.attendance(coventry, meetingId);
      const seen = new Set<string>();
      let others = 0;
      const [anyone] = await governance.people.list(coventry);
      return {
        members: members.map(({ member }) => {
          let status: AttendanceInput['members'][number]['status'] = 'apologies';
          if (member.voting && member.responsibleAuthority && !seen.has(member.organisationId)) {
            seen.add(member.organisationId);
            status = member.organisationName === options.substituteFor ? 'substitute' : 'present';
          } else if (member.voting && !member.responsibleAuthority && member.sector !== 'statutory' && others < community) {
            others += 1;
            status = 'present';
          }
          return { membershipId: member.id, status, substitutePersonId: status === 'substitute' ? (anyone?.id ?? null) : null };
        }),
        inAttendance: [{ name: 'Partnership Analyst', organisation: 'West Midlands Police' }],
        minuteTaker: { name: 'Denise Kellam', organisation: 'Community Safety Team, Coventry City Council' },
      };
    }

    it('judges the quorum live from who came: every Responsible Authority and 6 community members', async () => {
      await attendance.record(systemPrincipal, coventry, meetingId, '', await register(6));
      const six = await attendance.attendance(coventry, meetingId);
      assert.deepEqual(six.quorum, { quorate: true, shortfall: [] });
      assert.deepEqual(six.minuteTaker, { name: 'Denise Kellam', organisation: 'Community Safety Team, Coventry City Council' });
      assert.deepEqual(
        six.inAttendance.map((a) => a.attendeeName),
        ['Partnership Analyst'],
      );

      await attendance.record(systemPrincipal, coventry, meetingId, six.recordedAt, await register(5));
      const five = await attendance.attendance(coventry, meetingId);
      assert.equal(five.quorum?.quorate, false);
      assert.deepEqual(five.quorum?.shortfall, ['5 community or voluntary representatives are present; at least 6 are needed']);
    });

    it('counts a substitute for the seat of the member they stand in for', async () => {
      const { recordedAt } = await attendance.attendance(coventry, meetingId);
      await attendance.record(
        systemPrincipal,
        coventry,
        meetingId,
        recordedAt,
        await register(6, { substituteFor: 'West Midlands Police' }),
      );
      const result = await attendance.attendance(coventry, meetingId);
      assert.deepEqual(result.quorum, { quorate: true, shortfall: [] });
      const substitutes = result.members.filter((m) => m.status === 'substitute');
      assert.equal(substitutes.length, 1);
      // Named from the people of the partnership, as the minutes show them.
      const [anyone] = await governance.people.list(coventry);
      assert.equal(substitutes[0]?.substituteName, anyone?.name);
    });

    it('refuses a save based on attendance someone else has since changed', async () => {
      await assert.rejects(
        attendance.record(systemPrincipal, coventry, meetingId, '2000-01-01T00:00:00.000Z', await register(6)),
        ConflictError,
      );
    });
  });
}

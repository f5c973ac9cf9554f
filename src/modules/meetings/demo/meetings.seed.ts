/**
 * The demo's meeting cycles: this year's meetings of every Coventry group, planned the way an officer
 * would, so that a new user sees a living partnership with deadlines coming up.
 */
import { systemPrincipal } from '../../../platform/principal.ts';
import { type Clock, todayInEngland } from '../../../platform/clock.ts';
import { financialYearStart } from '../../../platform/dates.ts';
import type { GovernanceService } from '../../governance/index.ts';
import type { MeetingPattern } from '../meetingCycle.ts';
import type { MeetingsService } from '../meetings.service.ts';

/** Demo assumptions: the day each group meets is not in the documents. */
const patterns: Record<string, MeetingPattern & { startTime: string; location: string }> = {
  'Coventry Police, Crime and Community Safety Partnership Board': {
    ordinal: 3,
    weekday: 4,
    startTime: '14:00',
    location: 'Committee Room 3, Council House',
  },
  'Coventry Harm Reduction and Vulnerable Victims Forum': { ordinal: 1, weekday: 3, startTime: '10:00', location: 'Broadgate House' },
  'Coventry Offender Management Group': { ordinal: 2, weekday: 2, startTime: '10:00', location: 'Probation Office, Coventry' },
  'Coventry Prevent Group': { ordinal: 4, weekday: 1, startTime: '13:30', location: 'Council House' },
  'Coventry Community Safety Partnership City Tasking Group': {
    ordinal: 2,
    weekday: 4,
    startTime: '09:30',
    location: 'Little Park Street Police Station',
  },
};

export async function seedDemoMeetings(
  governance: GovernanceService,
  meetings: MeetingsService,
  clock: Clock,
  partnershipId: string,
): Promise<number> {
  const from = financialYearStart(todayInEngland(clock));
  let planned = 0;
  for (const group of await governance.groups.list(partnershipId)) {
    const pattern = patterns[group.name];
    if (!pattern) continue;
    const { scheduled } = await meetings.scheduleCycle(systemPrincipal, partnershipId, { groupId: group.id, from, ...pattern });
    planned += scheduled.length;
  }
  return planned;
}

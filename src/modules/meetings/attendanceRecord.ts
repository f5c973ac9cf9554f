/**
 * The attendance record over a year: for each member and each organisation, how many meetings they were
 * expected at and how they answered. A Responsible Authority that missed a meeting is picked out.
 */

export interface Seat {
  membershipId: string;
  personName: string;
  organisationId: string;
  organisationName: string;
  responsibleAuthority: boolean;
}

export interface MeetingAttendanceFacts {
  /** The seats on the group on the meeting's date. */
  seats: Seat[];
  /** What was recorded for each seat; a seat with nothing recorded counts as absent. */
  statusBySeat: ReadonlyMap<string, string>;
}

export interface Tally {
  expected: number;
  present: number;
  substitute: number;
  apologies: number;
  absent: number;
}

const emptyTally = (): Tally => ({ expected: 0, present: 0, substitute: 0, apologies: 0, absent: 0 });

function count(tally: Tally, status: string): void {
  tally.expected += 1;
  if (status === 'present' || status === 'substitute' || status === 'apologies') tally[status] += 1;
  else tally.absent += 1;
}

/** An organisation is represented at a meeting when any of its members, or a substitute, came. */
function organisationStatus(statuses: string[]): string {
  if (statuses.includes('present')) return 'present';
  if (statuses.includes('substitute')) return 'substitute';
  if (statuses.includes('apologies')) return 'apologies';
  return 'absent';
}

export function tallyAttendance(meetings: readonly MeetingAttendanceFacts[]) {
  const byMember = new Map<string, Tally & { personName: string; organisationName: string }>();
  const byOrganisation = new Map<string, Tally & { organisationName: string; responsibleAuthority: boolean }>();
  for (const meeting of meetings) {
    const organisationStatuses = new Map<string, string[]>();
    for (const seat of meeting.seats) {
      const status = meeting.statusBySeat.get(seat.membershipId) ?? 'absent';
      const member = byMember.get(seat.membershipId) ?? {
        ...emptyTally(),
        personName: seat.personName,
        organisationName: seat.organisationName,
      };
      count(member, status);
      byMember.set(seat.membershipId, member);
      organisationStatuses.set(seat.organisationId, [...(organisationStatuses.get(seat.organisationId) ?? []), status]);
      if (!byOrganisation.has(seat.organisationId)) {
        byOrganisation.set(seat.organisationId, {
          ...emptyTally(),
          organisationName: seat.organisationName,
          responsibleAuthority: seat.responsibleAuthority,
        });
      }
    }
    for (const [organisationId, statuses] of organisationStatuses) {
      const organisation = byOrganisation.get(organisationId);
      if (organisation) count(organisation, organisationStatus(statuses));
    }
  }
  const byName = <T extends { personName?: string; organisationName: string }>(a: T, b: T) =>
    (a.personName ?? a.organisationName).localeCompare(b.personName ?? b.organisationName);
  return {
    members: [...byMember.values()].sort(byName),
    organisations: [...byOrganisation.values()]
      .map((o) => ({ ...o, missedAsResponsibleAuthority: o.responsibleAuthority && o.present + o.substitute < o.expected }))
      .sort(byName),
  };
}

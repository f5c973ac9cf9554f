/** Meetings and agenda items made the short way, for tests that need one to work on. */
import { type Container, createContainer } from '../../src/container.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { seedDemo } from '../../src/modules/governance/index.ts';
import type { AgendaService, MeetingsService } from '../../src/modules/meetings/index.ts';
import { testConfig } from './app.ts';
import { addMember, addPerson } from './people.ts';
import type { TestDatabase } from './database.ts';

/** An ordinary meeting of a group at the Council House. */
export function scheduleMeeting(
  meetings: MeetingsService,
  partnershipId: string,
  groupId: string,
  meetingDate: string,
  startTime = '14:00',
): Promise<string> {
  return meetings.schedule(systemPrincipal, partnershipId, {
    groupId,
    kind: 'ordinary',
    meetingDate,
    startTime,
    location: 'Council House',
  });
}

/** An item for decision: public, or confidential (Part II) because it is about individuals. */
export function addAgendaItem(
  agenda: AgendaService,
  partnershipId: string,
  meetingId: string,
  title: string,
  { confidential = false, presenter = null }: { confidential?: boolean; presenter?: string | null } = {},
): Promise<string> {
  return agenda.addItem(systemPrincipal, partnershipId, meetingId, {
    title,
    section: 'decision',
    presenter,
    purpose: null,
    confidential,
    confidentialReason: confidential ? 'Information about individuals' : null,
  });
}

/** The demo on a fresh database, on the clock given (the machine's by default), with Coventry and its board. */
export async function demoCoventry(
  database: TestDatabase,
  clock?: Clock,
): Promise<{ container: Container; coventry: string; boardId: string }> {
  const container = createContainer(testConfig, { ...(clock ? { clock } : {}), database: await database.create() });
  const coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
  const [board] = await container.governance.groups.list(coventry);
  return { container, coventry, boardId: board?.id ?? '' };
}

/** The demo on a fresh database, with a Coventry board meeting of 21 July 2016 and one item on its agenda. */
export async function demoBoardMeeting(
  database: TestDatabase,
): Promise<{ container: Container; coventry: string; meetingId: string; itemId: string }> {
  const { container, coventry, boardId } = await demoCoventry(database);
  const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2016-07-21');
  const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Designated Public Places Order');
  return { container, coventry, meetingId, itemId };
}

/**
 * A meeting of the group on `meetingDate` where every member sent apologies, so it was not quorate, with one decision
 * ("Fund two street pastors" on "Night-time economy") deferred for want of a quorum; its minutes still a draft.
 */
export async function inquorateMeetingWithDecision(
  container: Container,
  partnershipId: string,
  groupId: string,
  meetingDate: string,
): Promise<string> {
  const meetingId = await scheduleMeeting(container.meetings, partnershipId, groupId, meetingDate);
  const itemId = await addAgendaItem(container.agenda, partnershipId, meetingId, 'Night-time economy');
  const plain = { recommendedTo: null, votesFor: null, votesAgainst: null, votesAbstaining: null };
  await container.minutes.addDecision(systemPrincipal, partnershipId, meetingId, itemId, {
    ...plain,
    outcome: 'agreed',
    wording: 'Fund two street pastors',
  });
  const { members } = await container.attendance.attendance(partnershipId, meetingId);
  await container.attendance.record(systemPrincipal, partnershipId, meetingId, '', {
    members: members.map(({ member }) => ({ membershipId: member.id, status: 'apologies' as const, substitutePersonId: null })),
    inAttendance: [],
    minuteTaker: null,
  });
  return meetingId;
}

/** A new group of the partnership with five voting members from its first organisation; returns the group's id. */
export async function groupOfFive(container: Container, partnershipId: string, name: string): Promise<string> {
  const groupId = await container.governance.groups.create(systemPrincipal, partnershipId, { name, parentId: null });
  const [organisation] = await container.governance.organisations.list(partnershipId);
  const organisationId = organisation?.id ?? '';
  for (const person of ['Ann One', 'Ben Two', 'Cat Three', 'Dan Four', 'Eve Five']) {
    const personId = await addPerson(container.governance, partnershipId, { name: person, email: null, organisationId });
    await addMember(container.governance, partnershipId, { groupId, personId, organisationId, role: 'member' });
  }
  return groupId;
}

/** The attendance form for a meeting with its first `present` members there and the rest marked `rest`. */
export async function attendanceWith(
  container: Container,
  partnershipId: string,
  meetingId: string,
  present: number,
  rest: 'absent' | 'apologies',
) {
  return {
    members: (await container.attendance.attendance(partnershipId, meetingId)).members.map(({ member }, index) => ({
      membershipId: member.id,
      status: index < present ? ('present' as const) : rest,
      substitutePersonId: null,
    })),
    inAttendance: [],
    minuteTaker: null,
  };
}

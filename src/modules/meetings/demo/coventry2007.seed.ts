/**
 * The demo's one meeting from the past: the Coventry Community Safety Partnership of 30 November 2007,
 * as its minutes record it. In two parts, so that a journey can start from the partnership as it was
 * and hold the meeting itself: the 2007 group and its members, then the meeting and its minutes.
 * Written through the services, so the audit log shows it like any other change; each part leaves
 * alone what is already there.
 */
import { systemPrincipal } from '../../../platform/principal.ts';
import { ownerNamed } from '../../actions/index.ts';
import type { GovernanceService } from '../../governance/index.ts';
import type { AgendaService } from '../agenda.service.ts';
import type { AttendanceService } from '../attendance.service.ts';
import {
  chair2007,
  group2007,
  inAttendance2007,
  items2007,
  meeting2007,
  members2007,
  minuteTaker2007,
  nextMeeting2007,
  organisations2007,
} from './coventry2007.data.ts';
import type { MeetingsService } from '../meetings.service.ts';
import type { MinutesService } from '../minutes.service.ts';
import type { PapersService } from '../papers.service.ts';

export interface Coventry2007Services {
  governance: GovernanceService;
  meetings: MeetingsService;
  agenda: AgendaService;
  attendance: AttendanceService;
  minutes: MinutesService;
  papers: PapersService;
}

/** The 2007 partnership, its organisations and members; returns the group's id. */
export async function seedCoventry2007Group(governance: GovernanceService, partnershipId: string): Promise<string> {
  const existingGroup = (await governance.groups.list(partnershipId)).find((g) => g.name === group2007.name);
  if (existingGroup) return existingGroup.id;

  const organisations = new Map((await governance.organisations.list(partnershipId)).map((o) => [o.name, o.id]));
  for (const organisation of organisations2007.filter((o) => !organisations.has(o.name))) {
    organisations.set(organisation.name, await governance.organisations.create(systemPrincipal, partnershipId, organisation));
  }
  const organisationId = (name: string) => {
    const id = organisations.get(name);
    if (!id) throw new Error(`The 2007 demo refers to an unknown organisation: ${name}`);
    return id;
  };

  const groupId = await governance.groups.create(systemPrincipal, partnershipId, { name: group2007.name, parentId: null });
  const { quorumRule } = group2007;
  await governance.reviseTerms(
    systemPrincipal,
    partnershipId,
    groupId,
    {
      purpose: group2007.purpose,
      functions: [],
      keyOutcomes: [],
      alsoReportsTo: null,
      cadence: group2007.cadence,
      chairRole: 'Not named in the published documents',
      papersNoticeDays: null,
      papersNoticeUnit: 'working',
      minutesCirculationDays: null,
      actionsCirculationWorkingDays: null,
      membershipSpecification: 'Not set out in the published documents: the members are those the minutes of 30 November 2007 list',
      quorumKind: quorumRule.kind,
      communityMinimum: null,
      minimum: null,
      numerator: quorumRule.kind === 'fraction' ? quorumRule.numerator : null,
      denominator: quorumRule.kind === 'fraction' ? quorumRule.denominator : null,
      effectiveFrom: group2007.membershipFrom,
    },
    0,
  );

  const people = new Map((await governance.people.list(partnershipId)).map((p) => [p.name, p.id]));
  for (const member of members2007) {
    const personId =
      people.get(member.name) ??
      (await governance.people.create(systemPrincipal, partnershipId, {
        name: member.name,
        jobTitle: member.jobTitle,
        organisationId: organisationId(member.organisation),
        email: null,
      }));
    await governance.memberships.create(systemPrincipal, partnershipId, {
      groupId,
      personId,
      organisationId: organisationId(member.organisation),
      role: member.chair ? 'chair' : 'member',
      voting: true,
      core: true,
      startDate: group2007.membershipFrom,
      endDate: group2007.membershipTo,
      substitutePersonId: null,
    });
  }
  return groupId;
}

/**
 * The meeting of 30 November 2007, held, with its attendance, agenda and minutes; the next meeting,
 * moved as the minutes record; and the minutes circulated, approved at that next meeting and signed
 * by the chair. Returns the meeting's id.
 */
export async function seedCoventry2007Meeting(services: Coventry2007Services, partnershipId: string): Promise<string> {
  const { governance, meetings, agenda, attendance, minutes, papers } = services;
  const groupId = await seedCoventry2007Group(governance, partnershipId);
  const existing = (await meetings.list(partnershipId, { groupId })).find((m) => m.meetingDate === meeting2007.meetingDate);
  if (existing) return existing.id;

  const meetingId = await meetings.schedule(systemPrincipal, partnershipId, { groupId, kind: 'ordinary', ...meeting2007 });

  const { members } = await attendance.attendance(partnershipId, meetingId);
  const statusOf = new Map(members2007.map((m) => [`${m.name}|${m.organisation}`, m.status]));
  await attendance.record(systemPrincipal, partnershipId, meetingId, '', {
    members: members.map(({ member }) => ({
      membershipId: member.id,
      status: statusOf.get(`${member.personName}|${member.organisationName}`) ?? 'absent',
      substitutePersonId: null,
    })),
    inAttendance: inAttendance2007,
    minuteTaker: minuteTaker2007,
  });

  // The 2007 agenda had no item for declarations of interest.
  const standard = new Map((await agenda.agenda(partnershipId, meetingId)).flatMap((s) => s.items).map((i) => [i.standardItem, i]));
  const declarations = standard.get('declarations');
  if (declarations) await agenda.removeItem(systemPrincipal, partnershipId, meetingId, declarations.id, declarations.version);

  // The owners the minutes name, linked to the people and organisations they are; the rest stay in words.
  const [people, organisations] = await Promise.all([governance.people.list(partnershipId), governance.organisations.list(partnershipId)]);
  const owners = { people, organisations };
  for (const item of items2007) {
    const itemId =
      (item.standardItem && standard.get(item.standardItem)?.id) ||
      (await agenda.addItem(systemPrincipal, partnershipId, meetingId, {
        title: item.title,
        section: 'decision',
        presenter: item.presenter ?? null,
        purpose: null,
        confidential: false,
        confidentialReason: null,
      }));
    if (item.narrative) await minutes.saveNarrative(systemPrincipal, partnershipId, meetingId, itemId, 0, item.narrative);
    for (const decision of item.decisions ?? []) await minutes.addDecision(systemPrincipal, partnershipId, meetingId, itemId, decision);
    for (const action of item.actions ?? []) {
      const owner = ownerNamed(action.owner, owners);
      await minutes.addAction(systemPrincipal, partnershipId, meetingId, itemId, { ...action, owner, dueDate: null });
    }
  }
  // Published, so the public pages show the meeting and, once approved, its minutes.
  await papers.publish(systemPrincipal, partnershipId, meetingId);
  await meetings.recordHeld(systemPrincipal, partnershipId, meetingId, (await meetings.get(partnershipId, meetingId)).meeting.version);

  const { rescheduled, ...next } = nextMeeting2007;
  const nextId = await meetings.schedule(systemPrincipal, partnershipId, { groupId, kind: 'ordinary', ...next });
  await meetings.reschedule(
    systemPrincipal,
    partnershipId,
    nextId,
    (await meetings.get(partnershipId, nextId)).meeting.version,
    rescheduled,
  );

  await minutes.circulate(systemPrincipal, partnershipId, meetingId, (await minutes.life(partnershipId, meetingId)).version);
  await minutes.approve(systemPrincipal, partnershipId, meetingId, (await minutes.life(partnershipId, meetingId)).version, nextId);
  await minutes.sign(systemPrincipal, partnershipId, meetingId, (await minutes.life(partnershipId, meetingId)).version, chair2007);
  return meetingId;
}

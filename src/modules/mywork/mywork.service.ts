/**
 * My work: the home page of an account that is someone. For each partnership where the account is a person, what
 * that person has to do (next meetings, actions they or their organisation own, minutes to approve, interests to
 * review) and what changed in their groups since their last visit; for each partnership it is an officer of, the
 * partnership's outstanding work. This module owns no tables: each part comes from its module through a narrow
 * function in its dependencies (wired in container.ts).
 */
import { actionStatusNames, type LoggedAction } from '../actions/index.ts';
import type { MemberWork } from '../meetings/index.ts';
import type { PartnershipOverview } from '../overview/index.ts';
import { type Clock, todayInEngland } from '../../platform/clock.ts';
import { isAllowed, type PartTwoReadership } from '../../platform/policy.ts';
import type { Principal } from '../../platform/principal.ts';
import { type FirstFew, firstFew } from '../../platform/shortLists.ts';
import { type OutstandingWork, outstandingWork } from './outstanding.ts';

/** A person an account is, as governance gives it. */
export interface AccountPerson {
  partnershipId: string;
  partnershipName: string;
  personId: string;
  name: string;
  organisationId: string | null;
  organisationName: string | null;
}

export interface DeclaredInterest {
  id: string;
  category: string;
  description: string;
  declaredOn: string;
  reviewedOn: string | null;
  endedOn: string | null;
}

export interface PartnershipScopeNamed {
  id: string;
  name: string;
  areaId: string;
}

export interface MyWorkDependencies {
  clock: Clock;
  peopleOfAccount: (userId: string) => Promise<AccountPerson[]>;
  /** The groups the person sits on now. */
  groupsOf: (partnershipId: string, userId: string) => Promise<string[]>;
  partTwoReadership: (principal: Principal, partnershipId: string) => Promise<PartTwoReadership>;
  memberWork: (
    partnershipId: string,
    groupIds: readonly string[],
    readership: PartTwoReadership,
    since: string | null,
  ) => Promise<MemberWork>;
  /** The actions given to the person or their organisation, as the principal may see them. */
  actionsOwned: (
    principal: Principal,
    partnershipId: string,
    owner: { personId: string; organisationId: string | null },
  ) => Promise<LoggedAction[]>;
  interestsOf: (partnershipId: string, personId: string) => Promise<DeclaredInterest[]>;
  /** When the account signed in before the sign-in that began this session (null on a first sign-in). */
  previousSignIn: (userId: string) => Promise<string | null>;
  partnerships: () => Promise<PartnershipScopeNamed[]>;
  overview: (principal: Principal, partnership: PartnershipScopeNamed) => Promise<PartnershipOverview>;
}

export interface MemberPart {
  partnershipId: string;
  partnershipName: string;
  person: AccountPerson;
  nextMeetings: MemberWork['nextMeetings'];
  /** Still to do, overdue first, then by due date. */
  actions: (LoggedAction & { statusName: string })[];
  minutesToApprove: MemberWork['minutesToApprove'];
  /** Interests not ended. */
  interests: DeclaredInterest[];
  changes: FirstFew<{ at: string; text: string; href: string }>;
}

export interface OfficerPart {
  partnershipId: string;
  partnershipName: string;
  outstanding: OutstandingWork;
}

export interface MyWork {
  since: string | null;
  /** The statuses an action's update may give it, for the update forms. */
  actionStatuses: { value: string; text: string }[];
  asMember: MemberPart[];
  asOfficer: OfficerPart[];
}

export interface MyWorkService {
  /** Null for an account that is no one and officer of nothing: its home stays as it was. */
  myWork(principal: Principal): Promise<MyWork | null>;
}

/** How many changes since the last visit a partnership shows before "and N more". */
const changesShown = 10;

const stillToDo = new Set(['open', 'in_progress', 'carried_forward']);

/** Overdue first; then the soonest due, those with no date last. */
function byUrgency(a: LoggedAction, b: LoggedAction): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31');
}

export function createMyWorkService(deps: MyWorkDependencies): MyWorkService {
  async function memberPart(principal: Principal, userId: string, person: AccountPerson, since: string | null): Promise<MemberPart> {
    const id = person.partnershipId;
    const [groupIds, readership] = await Promise.all([deps.groupsOf(id, userId), deps.partTwoReadership(principal, id)]);
    const [work, owned, interests] = await Promise.all([
      deps.memberWork(id, groupIds, readership, since),
      deps.actionsOwned(principal, id, { personId: person.personId, organisationId: person.organisationId }),
      deps.interestsOf(id, person.personId),
    ]);
    const today = todayInEngland(deps.clock);
    const given = since
      ? owned
          .filter((action) => action.createdAt > since)
          .map((action) => ({
            at: action.createdAt,
            text: `Action given to ${action.owner}: ${action.description}`,
            href: `/partnerships/${id}/actions/${action.id}`,
          }))
      : [];
    return {
      partnershipId: id,
      partnershipName: person.partnershipName,
      person,
      nextMeetings: work.nextMeetings,
      actions: owned
        .filter((action) => stillToDo.has(action.status))
        .sort(byUrgency)
        .map((action) => ({ ...action, statusName: actionStatusNames[action.status] })),
      minutesToApprove: work.minutesToApprove,
      interests: interests.filter((interest) => interest.endedOn === null || interest.endedOn > today),
      changes: firstFew(
        [...work.changes, ...given].sort((a, b) => b.at.localeCompare(a.at)),
        changesShown,
      ),
    };
  }

  return {
    async myWork(principal) {
      const userId = principal.userId;
      if (!userId) return null;
      const officerOf = [...principal.partnershipRoles].filter(([, roles]) => roles.has('officer')).map(([id]) => id);
      // Only where the account has a role: a person record alone opens none of the partnership's pages.
      const people = (await deps.peopleOfAccount(userId)).filter((person) =>
        isAllowed(principal, 'partnership:member', { id: person.partnershipId, areaId: '' }),
      );
      if (people.length === 0 && officerOf.length === 0) return null;
      const since = await deps.previousSignIn(userId);
      const officered = officerOf.length ? (await deps.partnerships()).filter((p) => officerOf.includes(p.id)) : [];
      const today = todayInEngland(deps.clock);
      const [asMember, asOfficer] = await Promise.all([
        Promise.all(people.map((person) => memberPart(principal, userId, person, since))),
        Promise.all(
          officered.map(async (p) => ({
            partnershipId: p.id,
            partnershipName: p.name,
            outstanding: outstandingWork(await deps.overview(principal, p), today),
          })),
        ),
      ]);
      const actionStatuses = Object.entries(actionStatusNames).map(([value, text]) => ({ value, text }));
      return { since, actionStatuses, asMember, asOfficer };
    },
  };
}

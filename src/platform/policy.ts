/**
 * The one place that decides who may do what, at two levels. Every route names its access level (`Access`),
 * checked before its handler runs; services then ask `policy.can(principal, rule, record)` for decisions
 * about one record (a Part II paper, an action's owner, tomorrow a case), with rules their modules define.
 */
import type { Principal } from './principal.ts';

export type Access =
  | 'public'
  | 'signedIn'
  | 'partnership:view'
  | 'partnership:member'
  | 'partnership:manage'
  | 'partnership:analyse'
  | 'partnership:chair'
  | 'area:oversee'
  | 'admin';

export interface PartnershipScope {
  id: string;
  areaId: string;
}

/**
 * Whether the principal may reach a route of this access level. The scope is the partnership the route is
 * about, or for a route about a whole area (`:areaId`) that area alone.
 */
export function isAllowed(
  principal: Principal | null,
  access: Access,
  partnership: PartnershipScope | null,
  area: { id: string } | null = null,
): boolean {
  if (access === 'public') return true;
  if (!principal) return false;
  if (principal.isAdmin) return true;
  const roles = partnership ? principal.partnershipRoles.get(partnership.id) : undefined;
  switch (access) {
    case 'signedIn':
      return true;
    case 'admin':
      return false;
    case 'partnership:view':
      return partnership !== null && ((roles?.size ?? 0) > 0 || principal.overseerAreaIds.has(partnership.areaId));
    // A role in the partnership itself: overseers read, but take no part in its work.
    case 'partnership:member':
      return (roles?.size ?? 0) > 0;
    case 'partnership:manage':
      return roles?.has('officer') ?? false;
    // Indicators, figures and the performance report are the analyst's, and the officers' ("Performance and Research Officer").
    case 'partnership:analyse':
      return (roles?.has('analyst') ?? false) || (roles?.has('officer') ?? false);
    // Signing minutes is the chair's: "The Chair will sign documentation … on behalf of the Board".
    case 'partnership:chair':
      return roles?.has('chair') ?? false;
    // The funder's part (the PCC's staff): an overseer of the area, whether the route names the area or one of its partnerships.
    case 'area:oversee': {
      const areaId = partnership?.areaId ?? area?.id;
      return areaId !== undefined && principal.overseerAreaIds.has(areaId);
    }
  }
}

/**
 * Who may reach a route of each access level, in words, for the page that refuses someone else: so a person who
 * expected to may see what they lack, and whom to ask.
 */
export const whoMay: Record<Exclude<Access, 'public' | 'signedIn'>, string> = {
  'partnership:view': 'Only people with a role in this partnership, and the overseers of its area, can see this page.',
  'partnership:member': 'Only people with a role in this partnership can see this page.',
  'partnership:manage': 'Only the partnership’s officers can do this.',
  'partnership:analyse': 'Only the partnership’s analysts and officers can do this.',
  'partnership:chair':
    'Only the chair can do this. Someone is the chair through a chair appointment, which an officer records on the partnership’s Chair appointments page: being called Chair on a group’s membership is not enough.',
  'area:oversee': 'Only the overseers of the partnership’s area (the Police and Crime Commissioner’s staff) can do this.',
  admin: 'Only an administrator of Safer can do this.',
};

/** Whether the principal may see a partnership at all: used to fill the partnership switcher. */
export function canViewPartnership(principal: Principal, partnership: PartnershipScope): boolean {
  return isAllowed(principal, 'partnership:view', partnership);
}

/** Whether the principal runs the partnership's business (an officer, or an administrator, or the system). */
export function isOfficer(principal: Principal, partnershipId: string): boolean {
  return principal.isAdmin || (principal.partnershipRoles.get(partnershipId)?.has('officer') ?? false);
}

/**
 * Whose Part II (confidential) business a reader may see: every group's (officers and administrators),
 * or only that of the groups listed (those they are a member of now; none for anyone else).
 */
export type PartTwoReadership = { everyGroup: true } | { everyGroup: false; groupIds: readonly string[] };

export const noPartTwo: PartTwoReadership = { everyGroup: false, groupIds: [] };

/** Whether a reader may see an item of a group's meeting: any public item, and a Part II one only as the rule above says. */
export function maySee(readership: PartTwoReadership, item: { confidential: boolean | number; groupId: string }): boolean {
  return !item.confidential || readership.everyGroup || readership.groupIds.includes(item.groupId);
}

/** The person of the partnership the principal's account is (`people.user_id`). */
export interface Self {
  id: string;
  name: string;
  organisationId: string | null;
  organisationName: string | null;
}

/** The principal as a record-level rule sees them in one partnership. */
export interface Subject {
  principal: Principal;
  officer: boolean;
  /** The partnership's person the principal is: none or one. */
  selves: readonly Self[];
  /** The groups those people sit on now. */
  groupIds: readonly string[];
}

/** A record-level rule, defined by the module whose records it is about. */
export type Rule<R> = (subject: Subject, record: R) => boolean;

/** What the policy needs to know about the partnership's people: given by the governance module. */
export interface PolicyDependencies {
  selves: (partnershipId: string, userId: string | null) => Promise<{ selves: Self[]; groupIds: string[] }>;
}

export interface Policy {
  can<R extends { partnershipId: string }>(principal: Principal, rule: Rule<R>, record: R): Promise<boolean>;
  /** The groups whose Part II business the principal reads in a partnership, to filter a list by. */
  partTwoReadership(principal: Principal, partnershipId: string): Promise<PartTwoReadership>;
}

/** Part II business is read by the partnership's officers and by those who sit on the group now. */
export const readPartTwo: Rule<{ groupId: string }> = (subject, item) => subject.officer || subject.groupIds.includes(item.groupId);

export function createPolicy({ selves }: PolicyDependencies): Policy {
  // A principal's people are looked up once per partnership for as long as the principal lives (one request).
  const subjects = new WeakMap<Principal, Map<string, Promise<Subject>>>();

  function subjectOf(principal: Principal, partnershipId: string): Promise<Subject> {
    const known = subjects.get(principal) ?? new Map<string, Promise<Subject>>();
    subjects.set(principal, known);
    let subject = known.get(partnershipId);
    if (!subject) {
      subject = selves(partnershipId, principal.userId).then((found) => ({
        principal,
        officer: isOfficer(principal, partnershipId),
        ...found,
      }));
      known.set(partnershipId, subject);
    }
    return subject;
  }

  return {
    async can(principal, rule, record) {
      return rule(await subjectOf(principal, record.partnershipId), record);
    },
    async partTwoReadership(principal, partnershipId) {
      const subject = await subjectOf(principal, partnershipId);
      return subject.officer ? { everyGroup: true } : { everyGroup: false, groupIds: subject.groupIds };
    },
  };
}

/**
 * What the meetings module reads of governance (groups, their terms, members and quorum, people and their
 * interests), as narrow functions: services and pages name only those they use. `governanceReads` takes them
 * from governance's public face, for container.ts and the module's tests.
 */
import type { GovernanceService } from '../governance/index.ts';

export type Group = Awaited<ReturnType<GovernanceService['groups']['get']>>;
export type Person = Awaited<ReturnType<GovernanceService['people']['get']>>;

export interface GovernanceReads {
  /** The partnership's groups (not archived). */
  groups: (partnershipId: string) => Promise<Group[]>;
  /** One group of the partnership; NotFoundError otherwise. */
  group: (partnershipId: string, id: string) => Promise<Group>;
  /** The partnership's people; archived ones too when asked (a name in an old record). */
  people: (partnershipId: string, options?: { includeArchived?: boolean }) => Promise<Person[]>;
  termsInForceOn: GovernanceService['termsInForceOn'];
  /** A group's terms of reference, newest first: read once for many meetings of the group. */
  termsHistory: GovernanceService['termsHistory'];
  membershipsOn: GovernanceService['membershipsOn'];
  checkQuorum: GovernanceService['checkQuorum'];
  listInterests: GovernanceService['listInterests'];
  /** The person an account is in the partnership (none or one), and the groups that person sits on now. */
  selves: GovernanceService['selves'];
}

export function governanceReads(governance: GovernanceService): GovernanceReads {
  return {
    groups: (partnershipId) => governance.groups.list(partnershipId),
    group: (partnershipId, id) => governance.groups.get(partnershipId, id),
    people: (partnershipId, options) => governance.people.list(partnershipId, options),
    termsInForceOn: (partnershipId, groupId, date) => governance.termsInForceOn(partnershipId, groupId, date),
    termsHistory: (partnershipId, groupId) => governance.termsHistory(partnershipId, groupId),
    membershipsOn: (partnershipId, groupId, date) => governance.membershipsOn(partnershipId, groupId, date),
    checkQuorum: (...args) => governance.checkQuorum(...args),
    listInterests: (partnershipId, filter) => governance.listInterests(partnershipId, filter),
    selves: (partnershipId, userId) => governance.selves(partnershipId, userId),
  };
}

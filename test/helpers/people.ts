/** People and memberships made the short way, for tests about who is told or allowed what. */
import { systemPrincipal } from '../../src/platform/principal.ts';
import type { GovernanceService } from '../../src/modules/governance/index.ts';

export function addPerson(
  governance: GovernanceService,
  partnershipId: string,
  person: { name: string; email: string | null; organisationId: string },
): Promise<string> {
  return governance.people.create(systemPrincipal, partnershipId, { ...person, jobTitle: null });
}

/** A voting core member of a group since April 2016, until `endDate` if given. */
export async function addMember(
  governance: GovernanceService,
  partnershipId: string,
  membership: {
    groupId: string;
    personId: string;
    organisationId: string;
    role: 'chair' | 'member' | 'secretary';
    endDate?: string | null;
  },
): Promise<void> {
  await governance.memberships.create(systemPrincipal, partnershipId, {
    ...membership,
    voting: true,
    core: true,
    startDate: '2016-04-01',
    endDate: membership.endDate ?? null,
    substitutePersonId: null,
  });
}

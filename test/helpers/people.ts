/** People and memberships made the short way, for tests about who is told or allowed what. */
import assert from 'node:assert/strict';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { type Clock, todayInEngland } from '../../src/platform/clock.ts';
import { financialYearStart } from '../../src/platform/dates.ts';
import type { GovernanceService } from '../../src/modules/governance/index.ts';
import type { AccountsService } from '../../src/modules/accounts/index.ts';

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

/**
 * Makes the holder of an account (found by its e-mail address) chair of a group for this year of office: the
 * partnership's person the account is (made and linked if there is none), a voting member from the year's 1 April
 * if not one already, appointed today. The appointment is what gives the account the chair role. Returns the
 * appointment's id.
 */
export async function appointChair(
  container: { governance: GovernanceService; accounts: AccountsService; clock: Clock },
  partnershipId: string,
  chair: { email: string; name: string; groupId: string; role?: 'chair' | 'vice_chair' },
): Promise<string> {
  const { governance, accounts, clock } = container;
  const today = todayInEngland(clock);
  // The appointment makes a chair only of an account an administrator has given a role in the partnership.
  const account = (await accounts.listUsers()).find((user) => user.email.toLowerCase() === chair.email.toLowerCase());
  if (account) await accounts.grantRole(systemPrincipal, account.id, 'member', { partnershipId, areaId: null });
  const yearStart = financialYearStart(today);
  const [organisation] = await governance.organisations.list(partnershipId);
  assert.ok(organisation, 'the partnership has an organisation');
  const known = account
    ? (await governance.peopleOfAccount(account.id)).find((person) => person.partnershipId === partnershipId)
    : undefined;
  const personId =
    known?.personId ??
    (await addPerson(governance, partnershipId, { name: chair.name, email: chair.email, organisationId: organisation.id }));
  if (account && !known) await governance.linkAccount(systemPrincipal, partnershipId, personId, account.id);
  const seats = await governance.membershipsOn(partnershipId, chair.groupId, today);
  if (!seats.some((seat) => seat.personId === personId && seat.voting)) {
    await governance.memberships.create(systemPrincipal, partnershipId, {
      groupId: chair.groupId,
      personId,
      organisationId: known?.organisationId ?? organisation.id,
      role: 'member',
      voting: true,
      core: true,
      startDate: yearStart,
      endDate: null,
      substitutePersonId: null,
    });
  }
  return governance.chairAppointments.create(systemPrincipal, partnershipId, {
    groupId: chair.groupId,
    personId,
    role: chair.role ?? 'chair',
    yearStarting: Number(yearStart.slice(0, 4)),
    appointedOn: today,
    appointedBy: 'Elected by members',
  });
}

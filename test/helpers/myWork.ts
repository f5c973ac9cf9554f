/** A member with work to do, made the short way: for the tests of My work and of a member's own interests. */
import type { Container } from '../../src/container.ts';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { addMember, addPerson } from './people.ts';

export const memberPassword = 'a member password 1';

export interface MemberWithWork {
  userId: string;
  email: string;
  personId: string;
  organisationId: string;
}

/** An account with a member's role in the partnership, that is a person sitting on the group. */
export async function memberOfGroup(
  container: Container,
  partnershipId: string,
  groupId: string,
  who: { email: string; name: string },
): Promise<MemberWithWork> {
  const organisationId = (await container.governance.organisations.list(partnershipId))[0]?.id ?? '';
  const userId = await container.accounts.createUser(systemPrincipal, { ...who, password: memberPassword, isAdmin: false });
  await container.accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId, areaId: null });
  const personId = await addPerson(container.governance, partnershipId, { name: who.name, email: null, organisationId });
  await container.governance.linkAccount(systemPrincipal, partnershipId, personId, userId);
  await addMember(container.governance, partnershipId, { groupId, personId, organisationId, role: 'member' });
  return { userId, email: who.email, personId, organisationId };
}

/** An action agreed outside a meeting, given to a person or an organisation, its owner's name shown as given. */
export async function giveAction(
  container: Container,
  partnershipId: string,
  groupId: string,
  action: { description: string; owner: string; dueDate: string | null; personId?: string; organisationId?: string },
): Promise<string> {
  const { db } = container.database;
  return db.transaction().execute(async (trx) => {
    const { description, owner, dueDate } = action;
    return container.actions.recordOutsideMeeting(
      trx,
      systemPrincipal,
      {
        partnershipId,
        groupId,
        description,
        owner,
        ownerPersonId: action.personId ?? null,
        ownerOrganisationId: action.organisationId ?? null,
        dueDate,
      },
      'for a test',
    );
  });
}

/**
 * An interest of the person an account is (made and linked if the account is no one of the partnership yet): what a
 * member's own-interest pages need to serve that account.
 */
export async function interestOfAccount(container: Container, partnershipId: string, email: string): Promise<string> {
  const { governance, accounts } = container;
  const account = (await accounts.listUsers()).find((user) => user.email === email);
  if (!account) throw new Error(`No account ${email}`);
  const known = (await governance.peopleOfAccount(account.id)).find((person) => person.partnershipId === partnershipId);
  if (!known) {
    const organisationId = (await governance.organisations.list(partnershipId))[0]?.id ?? '';
    const personId = await addPerson(governance, partnershipId, { name: account.name, email: null, organisationId });
    await governance.linkAccount(systemPrincipal, partnershipId, personId, account.id);
  }
  return governance.declareInterest({ userId: account.id }, partnershipId, {
    category: 'other',
    description: `${account.name}'s interest`,
  });
}

/**
 * The account a person record is, on the person's page (officers and administrators only): linked by the account's
 * address, which an officer must know (the service's accounts are never listed to them), and unlinked after a
 * confirmation. The links themselves, their rules and their audit are governance's (accountLinks.ts) and the
 * accounts module's (which accounts an officer may reach).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FieldValidationError } from '../../platform/errors.ts';
import { isAllowed } from '../../platform/policy.ts';
import type { Principal } from '../../platform/principal.ts';
import { renderConfirmation } from '../../web/confirmation.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { principalOf } from '../../web/permissions.ts';
import { type Crumb, partnershipCrumbs, type RelatedSection } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import { formBody, recordParams } from '../../web/schemas.ts';
import { accountLinkFields } from './governance.forms.ts';
import { accountLinkSchema } from './governance.inputs.ts';
import type { PersonView } from './governance.repository.ts';
import type { GovernanceService } from './governance.service.ts';

/** An account as a person's page shows it. */
export interface LinkedAccount {
  id: string;
  name: string;
  email: string;
  archivedAt: string | null;
}

/** What the person's page needs from the accounts module: an account by its id, and one an officer may link by its address. */
export interface PeopleAccounts {
  accountOfPerson(userId: string | null): Promise<LinkedAccount | null>;
  /** Refuses with a FieldValidationError for `email` an address that names no account the actor may link. */
  accountToLink(actor: Principal, partnershipId: string, email: string): Promise<LinkedAccount>;
}

const manage = { config: { access: 'partnership:manage' as const } };
const personHref = (person: Pick<PersonView, 'partnershipId' | 'id'>) => `/partnerships/${person.partnershipId}/people/${person.id}`;

const personCrumbs = (request: FastifyRequest, person: PersonView): Crumb[] => [
  ...partnershipCrumbs(request),
  { text: 'People', href: `/partnerships/${person.partnershipId}/people` },
  { text: person.name, href: personHref(person) },
];

/** The person's account, as a section of their page: for officers and administrators only (none for anyone else). */
export async function accountSection(request: FastifyRequest, accounts: PeopleAccounts, person: PersonView): Promise<RelatedSection[]> {
  if (!isAllowed(request.principal, 'partnership:manage', request.partnership)) return [];
  const account = await accounts.accountOfPerson(person.userId);
  const href = `${personHref(person)}/account`;
  return [
    {
      title: 'Account',
      head: ['Name', 'Email address'],
      rows: account
        ? [
            {
              cells: [account.archivedAt ? `${account.name} (deactivated)` : account.name, account.email],
              // The account's own page is the administrators'.
              ...(request.principal?.isAdmin ? { href: `/admin/users/${account.id}` } : {}),
            },
          ]
        : [],
      emptyText: 'Not linked to an account.',
      addLink: account ? { text: 'Unlink from this account', href: `${href}/unlink` } : { text: 'Link to an account', href },
    },
  ];
}

/** For administrators: the subject access export of everything held about the person (docs/decisions/0039). */
export function everythingHeldSection(request: FastifyRequest, person: PersonView): RelatedSection[] {
  if (!request.principal?.isAdmin) return [];
  return [
    {
      title: 'Everything held about this person',
      head: [],
      rows: [],
      emptyText: 'For a subject access request: a file of everything Safer holds about this person and their account.',
      addLink: { text: 'Export everything held about this person', href: `${personHref(person)}/everything-held.json` },
    },
  ];
}

export function registerAccountLinkPages(
  instance: FastifyInstance,
  pages: PageRenderer,
  { governance, accounts }: { governance: GovernanceService; accounts: PeopleAccounts },
): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  registerFormPage(app, pages, {
    path: '/people/:id/account',
    action: '/people/:id/account',
    access: 'partnership:manage',
    params: recordParams,
    fields: accountLinkFields,
    schema: accountLinkSchema,
    load: (request) => governance.people.get(request.params.partnershipId, request.params.id),
    title: (person) => `Link ${person.name} to an account`,
    intro: (person) =>
      `The account becomes ${person.name} in this partnership: while they sit on a group it is a member here, and reads the Part II (confidential) papers of their groups. ` +
      'An account can be only one person of a partnership.',
    submitText: 'Link to this account',
    crumbs: personCrumbs,
    back: (_request, person) => personHref(person),
    initialValues: () => ({}),
    async save(request, { email }, _version, person) {
      const actor = principalOf(request);
      const account = await accounts.accountToLink(actor, person.partnershipId, email);
      try {
        await governance.linkAccount(actor, person.partnershipId, person.id, account.id);
      } catch (error) {
        // The account is already another person here: the message belongs next to the address that named it.
        if (error instanceof FieldValidationError && error.field === 'userId') throw new FieldValidationError('email', error.message);
        throw error;
      }
      return { redirect: personHref(person), flash: 'Account linked' };
    },
  });

  /** The person, and the account they are (null if none). */
  const linked = async ({ partnershipId, id }: { partnershipId: string; id: string }) => {
    const person = await governance.people.get(partnershipId, id);
    return { person, account: await accounts.accountOfPerson(person.userId) };
  };

  app.get('/people/:id/account/unlink', { ...manage, schema: { params: recordParams } }, async (request, reply) => {
    const { person, account } = await linked(request.params);
    if (!account) {
      request.session.problem = `${person.name} is not linked to an account.`;
      return reply.redirect(personHref(person));
    }
    return renderConfirmation(pages, request, reply, {
      title: `Unlink ${person.name} from their account?`,
      caption: 'Account',
      rows: [
        { key: 'Person', value: person.name },
        { key: 'Account', value: `${account.name} (${account.email})` },
      ],
      happens: [
        `The account will no longer be ${person.name} in this partnership.`,
        `It loses what ${person.name}’s memberships and appointments give it here (the member and chair roles, and their groups’ Part II papers), but keeps any role an administrator has given it.`,
        `${person.name}’s record, memberships and interests stay as they are.`,
      ],
      action: `${personHref(person)}/account/unlink`,
      button: 'Unlink',
      warning: true,
      cancel: personHref(person),
      breadcrumbs: personCrumbs(request, person),
    });
  });

  app.post('/people/:id/account/unlink', { ...manage, schema: { params: recordParams, body: formBody } }, async (request, reply) => {
    const { person, account } = await linked(request.params);
    if (account) {
      await governance.linkAccount(principalOf(request), person.partnershipId, person.id, null);
      request.session.flash = 'Account unlinked';
    }
    return reply.redirect(personHref(person));
  });
}

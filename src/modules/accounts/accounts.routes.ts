/** Signing in and out (at the root), and administrators' pages for accounts and their roles (under /admin). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { allowFormsToLeadTo } from '../../web/contentSecurity.ts';
import { errorsFor, type Field, type FormErrors, readForm, type TypedValues, typedValues, valuesFromRecord } from '../../web/forms.ts';
import { registerFormPage } from '../../web/formPage.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { single, versionOf } from '../../web/query.ts';
import { safeReturnTo } from '../../web/returnTo.ts';
import { formBody, queryText } from '../../web/schemas.ts';
import { grantFields, passwordFields, signInFields, userDetailsFields, userFields } from './accounts.forms.ts';
import { grantSchema, passwordSchema, signInSchema, userDetailsSchema, userSchema } from './accounts.inputs.ts';
import type { AccountsService } from './accounts.service.ts';
import { failedSignIns, secondsUntil, throttledMessage } from './throttledMessage.ts';
import type { PublicUser } from './userChanges.ts';
import type { SignInProvidersService } from './signInProviders.service.ts';
import { roleNames } from '../../platform/principal.ts';
import { continueSignIn } from './twoStepSignIn.routes.ts';
import { principalOf } from '../../web/permissions.ts';

/**
 * What the sign-in pages need: the accounts, the organisations' providers (offered above the password), and the
 * time (to say when a throttled sign-in may be tried again).
 */
export interface SignInRouteDependencies {
  accounts: AccountsService;
  providers: Pick<SignInProvidersService, 'list' | 'servingEmail'>;
  clock: Clock;
}

/** A person record an account is, as its page lists it. */
export interface PersonOfAccountView {
  partnershipId: string;
  partnershipName: string;
  personId: string;
  name: string;
  organisationName: string | null;
}

/** What the account pages need from governance: the partnerships and areas a role may be given in, and the people an account is. */
export interface AccountRouteDependencies {
  accounts: AccountsService;
  partnerships: () => Promise<{ id: string; name: string }[]>;
  areas: () => Promise<{ id: string; name: string }[]>;
  peopleOfAccount: (userId: string) => Promise<PersonOfAccountView[]>;
}

const admin = { config: { access: 'admin' as const } };
const userParams = z.object({ id: z.string() });
const grantParams = userParams.extend({ grantId: z.string() });
/** An account form's address: with the account's id, except the form that adds one. */
const accountFormParams = z.object({ id: z.string().optional() });
const signInQuery = z.object({ returnTo: queryText, signedOut: queryText, ended: queryText });

const adminCrumbs = [{ text: 'Administration', href: '/admin' }];

export const signInRoutes: ModuleRoutes<SignInRouteDependencies> = {
  prefix: '',
  plugin(instance, { pages, deps: { accounts, providers, clock } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    const renderSignIn = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: TypedValues,
      errors: FormErrors | null,
      returnTo: string,
      ended = false,
    ) => {
      const offered = await providers.list();
      // Each "Sign in with" button's form is sent on to its provider: the browser must let the form go there.
      allowFormsToLeadTo(
        reply,
        offered.map((provider) => new URL(provider.issuer).origin),
      );
      return pages.render(request, reply, 'accounts/views/sign-in.njk', {
        title: 'Sign in',
        fields: signInFields,
        values,
        errors,
        returnTo,
        providers: offered,
        ended,
      });
    };

    app.get('/sign-in', { config: { access: 'public' }, schema: { querystring: signInQuery } }, async (request, reply) => {
      if (request.principal) return reply.redirect('/');
      const { signedOut, returnTo, ended } = request.query;
      // The session is gone after signing out, so the confirmation travels in the address.
      if (signedOut === 'yes') request.session.flash = 'You have signed out';
      return renderSignIn(request, reply, {}, null, safeReturnTo(returnTo) ?? '/', ended === 'yes');
    });

    app.post('/sign-in', { config: { access: 'public' }, schema: { body: formBody } }, async (request, reply) => {
      const returnTo = safeReturnTo(single(request.body.returnTo)) ?? '/';
      const form = readForm(signInSchema, signInFields, request.body);
      if (!form.ok) {
        reply.code(400);
        return renderSignIn(request, reply, { email: form.typed.email ?? '' }, form.errors, returnTo);
      }
      // An organisation with its own provider vouches for its people: their password here is not asked for, nor checked.
      const provider = await providers.servingEmail(form.value.email);
      if (provider) {
        reply.code(400);
        const message = `Your organisation signs in with ${provider.name}. Select “Sign in with ${provider.name}” above.`;
        return renderSignIn(request, reply, { email: form.value.email }, errorsFor(signInFields, { email: message }), returnTo);
      }
      const result = await accounts.signIn(form.value.email, form.value.password, request.ip);
      if (result.outcome === 'wrong-credentials' || result.outcome === 'throttled') {
        const now = clock.now();
        if (result.outcome === 'throttled') reply.code(429).header('retry-after', String(secondsUntil(result.tryAgainAt, now)));
        else reply.code(400);
        const message =
          result.outcome === 'throttled' ? throttledMessage(result, now, failedSignIns) : 'Enter a correct email address and password';
        return renderSignIn(request, reply, { email: form.value.email }, errorsFor(signInFields, { email: message }), returnTo);
      }
      return continueSignIn(request, reply, { accounts, clock }, result, returnTo);
    });

    app.get('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
      return pages.render(request, reply, 'accounts/views/sign-out.njk', { title: 'Sign out' });
    });

    // A stale token (a tab opened before the session was renewed) is sent to the page that asks, with a fresh one.
    app.post('/sign-out', { config: { access: 'public', askAgainAt: '/sign-out' } }, async (request, reply) => {
      if (request.principal?.userId) await accounts.recordSignOut(request.principal.userId);
      await request.session.destroy();
      // The browser forgets the cookie too: its next page is a visitor's, not one whose session has ended.
      return reply.clearCookie('safer_session', { path: '/' }).redirect('/sign-in?signedOut=yes');
    });
    done();
  },
};

export const accountRoutes: ModuleRoutes<AccountRouteDependencies> = {
  prefix: '/admin',
  plugin(instance, { pages, deps: { accounts, partnerships, areas, peopleOfAccount } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get('', admin, async (request, reply) => pages.render(request, reply, 'accounts/views/admin.njk', { title: 'Administration' }));

    app.get('/users', admin, async (request, reply) =>
      pages.render(request, reply, 'accounts/views/users.njk', {
        title: 'Accounts',
        users: await accounts.listUsers(),
        breadcrumbs: adminCrumbs,
      }),
    );

    /** The three account forms (add, change details, set a password) differ only in their fields and what they save. */
    function registerAccountForm<S extends z.ZodType>(form: {
      path: string;
      action: string;
      fields: Field[];
      schema: S;
      title: (user: PublicUser | null) => string;
      submitText: string;
      initialValues: (user: PublicUser | null) => TypedValues;
      /** Saves the account the form is about (none for a new one), and says which account that is. */
      save: (request: FastifyRequest, user: PublicUser | null, value: z.output<S>, version: number) => Promise<string>;
      flash: string;
    }) {
      const back = (user: PublicUser | null) => (user ? `/admin/users/${user.id}` : '/admin/users');
      registerFormPage(app, pages, {
        ...form,
        access: 'admin',
        params: accountFormParams,
        load: async (request) => (request.params.id ? (await accounts.getUser(request.params.id)).user : null),
        crumbs: (_request, user) => [
          ...adminCrumbs,
          { text: 'Accounts', href: '/admin/users' },
          ...(user ? [{ text: user.name, href: back(user) }] : []),
        ],
        back: (_request, user) => back(user),
        initialValues: (_request, user) => form.initialValues(user),
        version: (user) => user?.version ?? 0,
        save: async (request, value, version, user) => ({
          redirect: `/admin/users/${await form.save(request, user, value, version)}`,
          flash: form.flash,
        }),
      });
    }

    /** The account a change form is about: only the form that adds one has none. */
    const existing = (user: PublicUser | null): PublicUser => {
      if (!user) throw new Error('An account form without its account');
      return user;
    };

    registerAccountForm({
      path: '/users/new',
      action: '/users',
      fields: userFields,
      schema: userSchema,
      title: () => 'Add an account',
      submitText: 'Add account',
      initialValues: () => ({ isAdmin: 'no' }),
      save: (request, _user, value) => accounts.createUser(principalOf(request), value),
      flash: 'Account added',
    });

    registerAccountForm({
      path: '/users/:id/edit',
      action: '/users/:id',
      fields: userDetailsFields,
      schema: userDetailsSchema,
      title: (user) => `Change account: ${user?.name ?? ''}`,
      submitText: 'Save changes',
      initialValues: (user) => valuesFromRecord(userDetailsFields, user ?? {}),
      async save(request, user, value, version) {
        const { id } = existing(user);
        await accounts.updateUser(principalOf(request), id, version, value);
        return id;
      },
      flash: 'Account updated',
    });

    registerAccountForm({
      path: '/users/:id/password',
      action: '/users/:id/password',
      fields: passwordFields,
      schema: passwordSchema,
      title: (user) => `Set a new password for ${user?.name ?? ''}`,
      submitText: 'Set password',
      initialValues: () => ({}),
      async save(request, user, value, version) {
        const { id } = existing(user);
        await accounts.setPassword(principalOf(request), id, version, value.password);
        return id;
      },
      flash: 'New password set. The person has been signed out everywhere and must use the new password.',
    });

    app.get('/users/:id/status', { ...admin, schema: { params: userParams } }, async (request, reply) => {
      const { user } = await accounts.getUser(request.params.id);
      return pages.render(request, reply, 'accounts/views/status.njk', {
        title: `${user.archivedAt ? 'Reactivate' : 'Deactivate'} the account of ${user.name}`,
        user,
        breadcrumbs: [...adminCrumbs, { text: 'Accounts', href: '/admin/users' }, { text: user.name, href: `/admin/users/${user.id}` }],
      });
    });

    app.post('/users/:id/status', { ...admin, schema: { params: userParams, body: formBody } }, async (request, reply) => {
      const { user } = await accounts.getUser(request.params.id);
      await reportOnNextPage(request, async () => {
        await accounts.setActive(principalOf(request), user.id, versionOf(request.body), user.archivedAt !== null);
        return user.archivedAt ? 'Account reactivated' : 'Account deactivated. The person has been signed out everywhere.';
      });
      return reply.redirect(`/admin/users/${user.id}`);
    });

    const renderUser = async (request: FastifyRequest, reply: FastifyReply, id: string, values: TypedValues, errors: FormErrors | null) => {
      const { user, grants, appointments } = await accounts.getUser(id);
      const [partnershipChoices, areaChoices, twoStep, people] = await Promise.all([
        partnerships(),
        areas(),
        accounts.twoStep.status(id),
        peopleOfAccount(id),
      ]);
      if (errors) reply.code(400);
      return pages.render(request, reply, 'accounts/views/user.njk', {
        title: user.name,
        user,
        grants,
        appointments,
        twoStep,
        people,
        roleNames,
        fields: grantFields,
        values,
        errors,
        options: {
          partnershipId: partnershipChoices.map((p) => ({ value: p.id, text: p.name })),
          areaId: areaChoices.map((a) => ({ value: a.id, text: a.name })),
        },
        breadcrumbs: [...adminCrumbs, { text: 'Accounts', href: '/admin/users' }],
      });
    };

    app.get('/users/:id', { ...admin, schema: { params: userParams } }, async (request, reply) =>
      renderUser(request, reply, request.params.id, {}, null),
    );

    app.post('/users/:id/roles', { ...admin, schema: { params: userParams, body: formBody } }, async (request, reply) => {
      const { id } = request.params;
      const form = readForm(grantSchema, grantFields, request.body);
      if (!form.ok) return renderUser(request, reply, id, form.typed, form.errors);
      const { role, partnershipId, areaId } = form.value;
      // The chosen partnership or area must be one offered: a stale or tampered form gets a message, not a database error.
      const problem: Record<string, string> | null =
        role === 'overseer'
          ? (await areas()).some((area) => area.id === areaId)
            ? null
            : { areaId: 'Select an area' }
          : (await partnerships()).some((partnership) => partnership.id === partnershipId)
            ? null
            : { partnershipId: 'Select a partnership' };
      if (problem) return renderUser(request, reply, id, typedValues(grantFields, request.body), errorsFor(grantFields, problem));
      await accounts.grantRole(principalOf(request), id, role, {
        partnershipId: partnershipId ?? null,
        areaId: areaId ?? null,
      });
      request.session.flash = 'Role given';
      return reply.redirect(`/admin/users/${id}`);
    });

    app.post('/users/:id/roles/:grantId/remove', { ...admin, schema: { params: grantParams } }, async (request, reply) => {
      await accounts.revokeRole(principalOf(request), request.params.id, request.params.grantId);
      request.session.flash = 'Role removed';
      return reply.redirect(`/admin/users/${request.params.id}`);
    });
    done();
  },
};

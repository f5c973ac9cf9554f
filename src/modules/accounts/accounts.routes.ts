import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { plural } from '../../platform/numbers.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import type { Container } from '../../container.ts';
import type { z } from 'zod';
import { errorsFor, type Field, type FormErrors, readForm, type TypedValues, typedValues, valuesFromRecord } from '../../web/forms.ts';
import { registerFormPage } from '../../web/formPage.ts';
import type { PageRenderer } from '../../web/render.ts';
import { queryValues, versionOf } from '../../web/query.ts';
import { safeReturnTo } from '../../web/returnTo.ts';
import {
  grantFields,
  grantSchema,
  passwordFields,
  passwordSchema,
  signInFields,
  signInSchema,
  userDetailsFields,
  userDetailsSchema,
  userFields,
  userSchema,
} from './accounts.schemas.ts';
import type { PublicUser, SignInResult } from './accounts.service.ts';
import { roleNames } from '../../platform/principal.ts';
import { principalOf } from '../../web/permissions.ts';

const admin = { config: { access: 'admin' as const } };

const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

/** When a throttled sign-in may be tried again: in seconds for an account's short wait, by the clock for an address. */
function throttledMessage(refusal: Extract<SignInResult, { outcome: 'throttled' }>, now: Date): string {
  if (refusal.by === 'account') {
    const seconds = secondsUntil(refusal.tryAgainAt, now);
    return `Too many failed attempts to sign in with this email address. Wait ${plural(seconds, 'second', 'seconds')}, then try again.`;
  }
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(
    refusal.tryAgainAt,
  );
  return `Too many failed attempts to sign in from your network. Try again after ${time}.`;
}
const adminCrumbs = [{ text: 'Administration', href: '/admin' }];

export function registerAccountRoutes(app: FastifyInstance, pages: PageRenderer, container: Container): void {
  const { accounts, governance } = container;

  const renderSignIn = (request: FastifyRequest, reply: FastifyReply, values: TypedValues, errors: FormErrors | null, returnTo: string) =>
    pages.render(request, reply, 'accounts/views/sign-in.njk', { title: 'Sign in', fields: signInFields, values, errors, returnTo });

  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.principal) return reply.redirect('/');
    const query = queryValues(request.query, ['returnTo', 'signedOut']);
    // The session is gone after signing out, so the confirmation travels in the address.
    if (query.signedOut === 'yes') request.session.flash = 'You have signed out';
    return renderSignIn(request, reply, {}, null, safeReturnTo(query.returnTo) ?? '/');
  });

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const returnTo = safeReturnTo((request.body as { returnTo?: string } | undefined)?.returnTo) ?? '/';
    const form = readForm(signInSchema, signInFields, request.body);
    if (!form.ok) {
      reply.code(400);
      return renderSignIn(request, reply, { email: form.typed.email ?? '' }, form.errors, returnTo);
    }
    const result = await accounts.signIn(form.value.email, form.value.password, request.ip);
    if (result.outcome !== 'signed-in') {
      const now = container.clock.now();
      if (result.outcome === 'throttled') reply.code(429).header('retry-after', String(secondsUntil(result.tryAgainAt, now)));
      else reply.code(400);
      const message = result.outcome === 'throttled' ? throttledMessage(result, now) : 'Enter a correct email address and password';
      return renderSignIn(request, reply, { email: form.value.email }, errorsFor(signInFields, { email: message }), returnTo);
    }
    // A new session id at sign-in, so a session fixed before sign-in is worthless afterwards.
    await request.session.regenerate();
    request.session.userId = result.userId;
    // Sign-in is frequent enough, and rare enough, to be the moment expired sessions are cleared.
    await accounts.sessions.removeExpired();
    return reply.redirect(returnTo);
  });

  app.get('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    return pages.render(request, reply, 'accounts/views/sign-out.njk', { title: 'Sign out' });
  });

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.principal?.userId) await accounts.recordSignOut(request.principal.userId);
    await request.session.destroy();
    return reply.redirect('/sign-in?signedOut=yes');
  });

  app.get('/admin', admin, async (request, reply) => pages.render(request, reply, 'accounts/views/admin.njk', { title: 'Administration' }));

  app.get('/admin/users', admin, async (request, reply) =>
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
    save: (request: FastifyRequest, value: z.output<S>, version: number) => Promise<string>;
    flash: string;
  }) {
    const back = (user: PublicUser | null) => (user ? `/admin/users/${user.id}` : '/admin/users');
    registerFormPage(app, pages, {
      ...form,
      access: 'admin',
      async load(request) {
        const { id } = request.params as { id?: string };
        return id ? (await accounts.getUser(id)).user : null;
      },
      crumbs: (_request, user) => [
        ...adminCrumbs,
        { text: 'Accounts', href: '/admin/users' },
        ...(user ? [{ text: user.name, href: back(user) }] : []),
      ],
      back: (_request, user) => back(user),
      initialValues: (_request, user) => form.initialValues(user),
      version: (user) => user?.version ?? 0,
      save: async (request, value, version) => ({
        redirect: `/admin/users/${await form.save(request, value, version)}`,
        flash: form.flash,
      }),
    });
  }

  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  registerAccountForm({
    path: '/admin/users/new',
    action: '/admin/users',
    fields: userFields,
    schema: userSchema,
    title: () => 'Add an account',
    submitText: 'Add account',
    initialValues: () => ({ isAdmin: 'no' }),
    save: (request, value) => accounts.createUser(principalOf(request), value),
    flash: 'Account added',
  });

  registerAccountForm({
    path: '/admin/users/:id/edit',
    action: '/admin/users/:id',
    fields: userDetailsFields,
    schema: userDetailsSchema,
    title: (user) => `Change account: ${user?.name ?? ''}`,
    submitText: 'Save changes',
    initialValues: (user) => valuesFromRecord(userDetailsFields, user ?? {}),
    async save(request, value, version) {
      await accounts.updateUser(principalOf(request), idOf(request), version, value);
      return idOf(request);
    },
    flash: 'Account updated',
  });

  registerAccountForm({
    path: '/admin/users/:id/password',
    action: '/admin/users/:id/password',
    fields: passwordFields,
    schema: passwordSchema,
    title: (user) => `Set a new password for ${user?.name ?? ''}`,
    submitText: 'Set password',
    initialValues: () => ({}),
    async save(request, value, version) {
      await accounts.setPassword(principalOf(request), idOf(request), version, value.password);
      return idOf(request);
    },
    flash: 'New password set. The person has been signed out everywhere and must use the new password.',
  });

  app.get<{ Params: { id: string } }>('/admin/users/:id/status', admin, async (request, reply) => {
    const { user } = await accounts.getUser(request.params.id);
    return pages.render(request, reply, 'accounts/views/status.njk', {
      title: `${user.archivedAt ? 'Reactivate' : 'Deactivate'} the account of ${user.name}`,
      user,
      breadcrumbs: [...adminCrumbs, { text: 'Accounts', href: '/admin/users' }, { text: user.name, href: `/admin/users/${user.id}` }],
    });
  });

  app.post<{ Params: { id: string } }>('/admin/users/:id/status', admin, async (request, reply) => {
    const { user } = await accounts.getUser(request.params.id);
    await reportOnNextPage(request, async () => {
      await accounts.setActive(principalOf(request), user.id, versionOf(request.body), user.archivedAt !== null);
      return user.archivedAt ? 'Account reactivated' : 'Account deactivated. The person has been signed out everywhere.';
    });
    return reply.redirect(`/admin/users/${user.id}`);
  });

  const renderUser = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values: TypedValues,
    errors: FormErrors | null,
  ) => {
    const { user, grants, appointments } = await accounts.getUser(request.params.id);
    const [partnerships, areas] = await Promise.all([governance.partnerships.list(null), governance.areas.list(null)]);
    if (errors) reply.code(400);
    return pages.render(request, reply, 'accounts/views/user.njk', {
      title: user.name,
      user,
      grants,
      appointments,
      roleNames,
      fields: grantFields,
      values,
      errors,
      options: {
        partnershipId: partnerships.map((p) => ({ value: p.id, text: p.name })),
        areaId: areas.map((a) => ({ value: a.id, text: a.name })),
      },
      breadcrumbs: [...adminCrumbs, { text: 'Accounts', href: '/admin/users' }],
    });
  };

  app.get<{ Params: { id: string } }>('/admin/users/:id', admin, async (request, reply) => renderUser(request, reply, {}, null));

  app.post<{ Params: { id: string } }>('/admin/users/:id/roles', admin, async (request, reply) => {
    const form = readForm(grantSchema, grantFields, request.body);
    if (!form.ok) return renderUser(request, reply, form.typed, form.errors);
    const { role, partnershipId, areaId } = form.value;
    // The chosen partnership or area must exist: a stale or tampered form gets a message, not a database error.
    const problem: Record<string, string> | null =
      role === 'overseer'
        ? (await governance.areas.list(null, { id: areaId })).length === 0
          ? { areaId: 'Select an area' }
          : null
        : (await governance.partnerships.list(null, { id: partnershipId })).length === 0
          ? { partnershipId: 'Select a partnership' }
          : null;
    if (problem)
      return renderUser(request, reply, typedValues(grantFields, request.body as Record<string, unknown>), errorsFor(grantFields, problem));
    await accounts.grantRole(principalOf(request), request.params.id, role, {
      partnershipId: partnershipId ?? null,
      areaId: areaId ?? null,
    });
    request.session.flash = 'Role given';
    return reply.redirect(`/admin/users/${request.params.id}`);
  });

  app.post<{ Params: { id: string; grantId: string } }>('/admin/users/:id/roles/:grantId/remove', admin, async (request, reply) => {
    await accounts.revokeRole(principalOf(request), request.params.id, request.params.grantId);
    request.session.flash = 'Role removed';
    return reply.redirect(`/admin/users/${request.params.id}`);
  });
}

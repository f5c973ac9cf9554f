import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { FieldValidationError } from '../../core/errors.ts';
import { errorsFor, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import type { PageRenderer } from '../../web/render.ts';
import { single } from '../../web/query.ts';
import { safeReturnTo } from '../../web/returnTo.ts';
import { grantFields, grantSchema, signInFields, signInSchema, userFields, userSchema } from './accounts.schemas.ts';
import { signInLimit } from './accounts.service.ts';
import { roleNames } from './roles.ts';


const admin = { config: { access: 'admin' as const } };
const adminCrumbs = [{ text: 'Administration', href: '/admin' }];

export function registerAccountRoutes(app: FastifyInstance, pages: PageRenderer, container: Container): void {
  const { accounts, governance } = container;

  const renderSignIn = (request: FastifyRequest, reply: FastifyReply, values: TypedValues, errors: FormErrors | null, returnTo: string) =>
    pages.render(request, reply, 'accounts/views/sign-in.njk', { title: 'Sign in', fields: signInFields, values, errors, returnTo });

  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.principal) return reply.redirect('/');
    return renderSignIn(request, reply, {}, null, safeReturnTo(single((request.query as Record<string, unknown>).returnTo)) ?? '/');
  });

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const returnTo = safeReturnTo((request.body as { returnTo?: string } | undefined)?.returnTo) ?? '/';
    const form = readForm(signInSchema, signInFields, request.body);
    if (!form.ok) {
      reply.code(400);
      return renderSignIn(request, reply, { email: form.typed.email ?? '' }, form.errors, returnTo);
    }
    const result = await accounts.signIn(form.value.email, form.value.password);
    if (result.outcome !== 'signed-in') {
      const message =
        result.outcome === 'throttled'
          ? `Too many failed attempts to sign in with this email address. Wait ${signInLimit.windowMinutes} minutes and try again.`
          : 'Enter a correct email address and password';
      reply.code(result.outcome === 'throttled' ? 429 : 400);
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
    if (request.principal) await accounts.recordSignOut(request.principal.userId);
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

  const renderNewUser = (request: FastifyRequest, reply: FastifyReply, values: TypedValues, errors: FormErrors | null) => {
    if (errors) reply.code(400);
    return pages.render(request, reply, 'records/form.njk', {
      title: 'Add an account',
      fields: userFields,
      values,
      errors,
      options: {},
      action: '/admin/users',
      cancel: '/admin/users',
      submitText: 'Add account',
      breadcrumbs: [...adminCrumbs, { text: 'Accounts', href: '/admin/users' }],
    });
  };

  app.get('/admin/users/new', admin, async (request, reply) => renderNewUser(request, reply, { isAdmin: 'no' }, null));

  app.post('/admin/users', admin, async (request, reply) => {
    const form = readForm(userSchema, userFields, request.body);
    if (!form.ok) return renderNewUser(request, reply, { ...form.typed, password: '' }, form.errors);
    try {
      const id = await accounts.createUser({ userId: request.principal?.userId ?? null }, form.value);
      request.session.flash = 'Account added';
      return reply.redirect(`/admin/users/${id}`);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const values = { ...Object.fromEntries(Object.entries(form.value).map(([k, v]) => [k, String(v)])), isAdmin: form.value.isAdmin ? 'yes' : 'no', password: '' };
      return renderNewUser(request, reply, values, errorsFor(userFields, { [error.field]: error.message }));
    }
  });

  const renderUser = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, values: TypedValues, errors: FormErrors | null) => {
    const { user, grants } = await accounts.getUser(request.params.id);
    const [partnerships, areas] = await Promise.all([governance.partnerships.list(null), governance.areas.list(null)]);
    if (errors) reply.code(400);
    return pages.render(request, reply, 'accounts/views/user.njk', {
      title: user.name,
      user,
      grants,
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
    if (problem) return renderUser(request, reply, typedValues(grantFields, request.body as Record<string, unknown>), errorsFor(grantFields, problem));
    await accounts.grantRole({ userId: request.principal?.userId ?? null }, request.params.id, role, {
      partnershipId: partnershipId ?? null,
      areaId: areaId ?? null,
    });
    request.session.flash = 'Role given';
    return reply.redirect(`/admin/users/${request.params.id}`);
  });

  app.post<{ Params: { id: string; grantId: string } }>('/admin/users/:id/roles/:grantId/remove', admin, async (request, reply) => {
    await accounts.revokeRole({ userId: request.principal?.userId ?? null }, request.params.id, request.params.grantId);
    request.session.flash = 'Role removed';
    return reply.redirect(`/admin/users/${request.params.id}`);
  });
}

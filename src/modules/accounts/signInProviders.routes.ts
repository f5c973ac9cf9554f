/**
 * Single sign-on: administrators' pages for the organisations' OpenID providers (under /admin), and signing in
 * through one (at the root): the button that sends a person to their provider, and the address it sends them back to.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import { listed } from '../../platform/wording.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { renderConfirmation } from '../../web/confirmation.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { valuesFromRecord } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { single, versionOf } from '../../web/query.ts';
import { safeReturnTo } from '../../web/returnTo.ts';
import { formBody } from '../../web/schemas.ts';
import { principalOf } from '../../web/permissions.ts';
import type { AccountsService } from './accounts.service.ts';
import { beginSession } from './signedIn.ts';
import { newProviderFields, providerFields } from './signInProviders.forms.ts';
import { signInProviderSchema } from './signInProviders.inputs.ts';
import type { SignInProvidersService, SignInProviderView } from './signInProviders.service.ts';
import { callbackPath, type OpenIdFlow, type RefusalReason, type SingleSignOnService } from './singleSignOn.service.ts';
import { failedSignIns, throttledMessage } from './throttledMessage.ts';

declare module 'fastify' {
  interface Session {
    /** A sign-in through a provider under way: what its answer must match. */
    openIdFlow?: OpenIdFlow;
  }
}

export interface SignInProviderRouteDependencies {
  providers: SignInProvidersService;
  /** http is allowed for an issuer on this computer outside production (a test's or developer's provider). */
  allowLoopbackHttp: boolean;
  publicUrl: string;
}

export interface SingleSignOnRouteDependencies {
  singleSignOn: SingleSignOnService;
  accounts: AccountsService;
  clock: Clock;
}

const admin = { config: { access: 'admin' as const } };
const providerParams = z.object({ id: z.string() });
const formParams = z.object({ id: z.string().optional() });
const callbackParams = z.object({ providerId: z.string() });
const adminCrumbs = [
  { text: 'Administration', href: '/admin' },
  { text: 'Sign-in providers', href: '/admin/sign-in-providers' },
];

export const signInProviderRoutes: ModuleRoutes<SignInProviderRouteDependencies> = {
  prefix: '/admin',
  plugin(instance, { pages, deps: { providers, allowLoopbackHttp, publicUrl } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const crumbsFor = (provider: SignInProviderView | null) =>
      provider ? [...adminCrumbs, { text: provider.name, href: `/admin/sign-in-providers/${provider.id}` }] : adminCrumbs;

    app.get('/sign-in-providers', admin, async (request, reply) =>
      pages.render(request, reply, 'accounts/views/sign-in-providers.njk', {
        title: 'Sign-in providers',
        providers: await providers.list({ includeArchived: true }),
        breadcrumbs: adminCrumbs.slice(0, 1),
      }),
    );

    app.get('/sign-in-providers/:id', { ...admin, schema: { params: providerParams } }, async (request, reply) => {
      const provider = await providers.get(request.params.id);
      return pages.render(request, reply, 'accounts/views/sign-in-provider.njk', {
        title: provider.name,
        provider,
        redirectUri: `${publicUrl}${callbackPath(provider.id)}`,
        breadcrumbs: adminCrumbs,
      });
    });

    for (const adding of [true, false]) {
      registerFormPage(app, pages, {
        path: adding ? '/sign-in-providers/new' : '/sign-in-providers/:id/edit',
        action: adding ? '/sign-in-providers' : '/sign-in-providers/:id',
        access: 'admin',
        params: formParams,
        fields: adding ? newProviderFields : providerFields,
        schema: signInProviderSchema({ allowLoopbackHttp, adding }),
        load: async (request) => (request.params.id ? await providers.get(request.params.id) : null),
        title: (provider) => (provider ? `Change ${provider.name}` : 'Add a sign-in provider'),
        intro: () =>
          'Ask the organisation’s IT team to register Safer with their OpenID Connect provider (for example Microsoft Entra ID). They will give you the issuer URL, a client ID and a client secret.',
        submitText: adding ? 'Add provider' : 'Save changes',
        crumbs: (_request, provider) => crumbsFor(provider),
        back: (_request, provider) => (provider ? `/admin/sign-in-providers/${provider.id}` : '/admin/sign-in-providers'),
        initialValues: (_request, provider) =>
          provider ? { ...valuesFromRecord(providerFields, provider), domains: provider.domains.join('\n') } : {},
        version: (provider) => provider?.version ?? 0,
        closed: (_request, provider) =>
          provider?.archivedAt
            ? { template: 'accounts/views/sign-in-provider.njk', view: { title: provider.name, provider, redirectUri: null } }
            : null,
        async save(request, value, version, provider) {
          const actor = principalOf(request);
          if (!provider) {
            const id = await providers.create(actor, value);
            return { redirect: `/admin/sign-in-providers/${id}`, flash: `${value.name} added. Its people can now sign in with it.` };
          }
          await providers.update(actor, provider.id, version, value);
          return { redirect: `/admin/sign-in-providers/${provider.id}`, flash: 'Sign-in provider updated' };
        },
      });
    }

    const archivePage = (provider: SignInProviderView) => ({
      title: `Archive ${provider.name}?`,
      rows: [
        { key: 'Issuer URL', value: provider.issuer },
        { key: 'Email domains', value: listed(provider.domains) },
      ],
      happens: [
        `People with email addresses in ${listed(provider.domains)} will no longer be able to sign in with ${provider.name}.`,
        'They will sign in with their Safer password instead. Anyone without one will need a password set by an administrator.',
      ],
      hidden: { version: provider.version },
      action: `/admin/sign-in-providers/${provider.id}/archive`,
      button: 'Archive provider',
      warning: true,
      cancel: `/admin/sign-in-providers/${provider.id}`,
      breadcrumbs: crumbsFor(provider),
    });

    app.get('/sign-in-providers/:id/archive', { ...admin, schema: { params: providerParams } }, async (request, reply) => {
      const provider = await providers.get(request.params.id);
      if (provider.archivedAt) return reply.redirect(`/admin/sign-in-providers/${provider.id}`);
      return renderConfirmation(pages, request, reply, archivePage(provider));
    });

    app.post('/sign-in-providers/:id/archive', { ...admin, schema: { params: providerParams, body: formBody } }, async (request, reply) => {
      const provider = await providers.get(request.params.id);
      await reportOnNextPage(request, async () => {
        await providers.archive(principalOf(request), provider.id, versionOf(request.body));
        return `${provider.name} archived. Its people sign in with a password again.`;
      });
      return reply.redirect(`/admin/sign-in-providers/${provider.id}`);
    });
    done();
  },
};

/** What the person is told when a provider's sign-in is refused: what happened, and what to do. */
function refusalWords(provider: string, reason: RefusalReason, now: Date): string[] {
  switch (reason.kind) {
    case 'unavailable':
      return [
        `Signing in with ${provider} is not available any more.`,
        'Sign in with your email address and password. If you do not have a password, ask your partnership officer.',
      ];
    case 'failed':
      return [
        `We could not sign you in with ${provider}. Try again.`,
        `If it keeps happening, tell the administrator of Safer: the link to ${provider} may need to be set up again.`,
      ];
    case 'unverified':
      return [
        `${provider} did not confirm your email address, so Safer cannot tell which account is yours.`,
        `Ask your IT service desk to confirm the email address on your ${provider} account, then try again.`,
      ];
    case 'other-domain':
      return [
        `${provider} cannot sign in ${reason.email}: it signs in only its own organisation’s email addresses.`,
        'Sign in with your own organisation’s account, or with your email address and password.',
      ];
    case 'no-account':
      return [`There is no Safer account for ${reason.email}. Ask your partnership officer to add you.`];
    case 'deactivated':
      return [`The Safer account for ${reason.email} has been deactivated. Ask your partnership officer if you still need it.`];
    case 'throttled':
      return [throttledMessage(reason, now, failedSignIns)];
  }
}

export const singleSignOnRoutes: ModuleRoutes<SingleSignOnRouteDependencies> = {
  prefix: '',
  plugin(instance, { pages, deps: { singleSignOn, accounts, clock } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    const refused = (request: FastifyRequest, reply: FastifyReply, provider: string, reason: RefusalReason) => {
      reply.code(reason.kind === 'throttled' ? 429 : 400);
      return pages.render(request, reply, 'accounts/views/sign-in-refused.njk', {
        title: `We could not sign you in with ${provider}`,
        paragraphs: refusalWords(provider, reason, clock.now()),
      });
    };

    app.post('/sign-in/with', { config: { access: 'public' }, schema: { body: formBody } }, async (request, reply) => {
      if (request.principal) return reply.redirect('/');
      const providerId = single(request.body.providerId) ?? '';
      const started = await singleSignOn.begin(providerId, safeReturnTo(single(request.body.returnTo)) ?? '/', request.ip);
      if (started.outcome === 'refused') return refused(request, reply, started.provider, started.reason);
      // A fresh session holds the flow, so nothing planted in the old one can be matched against it.
      await request.session.regenerate();
      request.session.openIdFlow = started.flow;
      return reply.redirect(started.authorizationUrl);
    });

    app.get(
      '/sign-in/with/:providerId/callback',
      { config: { access: 'public' }, schema: { params: callbackParams } },
      async (request, reply) => {
        const flow = request.session.openIdFlow;
        // Used once: a second visit to the same answer finds no flow to match.
        request.session.openIdFlow = undefined;
        const answer = new URL(request.url, 'http://safer.invalid').searchParams;
        const finished = await singleSignOn.finish(request.params.providerId, flow, answer, request.ip);
        if (finished.outcome === 'refused') return refused(request, reply, finished.provider, finished.reason);
        return beginSession(request, reply, { accounts }, finished.userId, finished.returnTo);
      },
    );
    done();
  },
};

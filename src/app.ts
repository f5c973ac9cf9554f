import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Container } from './container.ts';
import { registerAccountRoutes } from './modules/accounts/index.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { registerCrimeDataRoutes } from './modules/crimedata/index.ts';
import { registerFundingRoutes } from './modules/funding/index.ts';
import { registerGovernanceRoutes } from './modules/governance/index.ts';
import { registerPerformanceRoutes } from './modules/performance/index.ts';
import { registerStrategyRoutes } from './modules/strategy/index.ts';
import { registerTaskingRoutes } from './modules/tasking/index.ts';
import { registerErrorHandling } from './web/errors.ts';
import { registerHealth } from './web/health.ts';
import { registerHome } from './web/home.ts';
import { leafletDist, tileImageSources } from './web/maps.ts';
import { type Access, canViewPartnership, isAllowed } from './platform/policy.ts';
import { createPageRenderer, createViewEnvironment, govukFrontendDist, mojFrontendRoot } from './web/render.ts';
import { addressHasControlCharacter } from './web/query.ts';
import { databaseSessionStore, sessionMaxAgeMs } from './web/sessionStore.ts';
import { applicationCss } from './web/styles.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule, for the route-by-role test. */
    registeredRoutes: RegisteredRoute[];
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** security → session → modules → 404 → error handler */
export async function buildApp(container: Container, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const { config, database, accounts, governance } = container;
  const app = Fastify({ trustProxy: config.trustProxy, bodyLimit: 1024 * 1024, ...options });

  // Route contracts are zod schemas: params, query and body are checked and typed before a handler runs.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const registeredRoutes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} has no access rule (config.access)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') registeredRoutes.push({ method, url: route.url, access });
    }
  });

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...tileImageSources(config.mapTiles)],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.environment === 'production' ? [] : null,
      },
    },
    hsts: config.environment === 'production',
  });

  await app.register(fastifyFormbody);
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: config.sessionSecret,
    cookieName: 'safer_session',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.environment === 'production',
      maxAge: sessionMaxAgeMs,
      path: '/',
    },
    saveUninitialized: false,
    // Re-saving the session on every request (the default) would write to the database for each asset.
    rolling: false,
    store: databaseSessionStore(accounts.sessions, container.clock),
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });

  // Assets are served by our own routes so that they, too, carry an access rule.
  await app.register(fastifyStatic, { root: join(govukFrontendDist, 'govuk', 'assets'), serve: false });
  const assetRoots: Record<string, string> = {
    '/assets/govuk/*': join(govukFrontendDist, 'govuk'),
    '/assets/moj/*': join(mojFrontendRoot, 'moj'),
    '/assets/safer/*': join(import.meta.dirname, 'web', 'public'),
    '/assets/leaflet/*': leafletDist,
    '/assets/*': join(govukFrontendDist, 'govuk', 'assets'),
  };
  app.get('/assets/application.css', { config: { access: 'public' } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(applicationCss()),
  );
  for (const [url, root] of Object.entries(assetRoots)) {
    app.get(url, { config: { access: 'public' } }, (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      return reply.header('cache-control', 'public, max-age=86400').sendFile(path, root);
    });
  }

  app.decorateRequest('principal', null);
  app.decorateRequest('partnership', null);
  app.decorateRequest('area', null);

  // Who is asking, which partnership the route is about, and whether they may: decided once, here, before
  // any upload is read, so that no one may send files to a route they cannot use.
  app.addHook('preValidation', async (request, reply) => {
    // Nothing in an address is looked up or searched for with a control character in it (PostgreSQL refuses NUL).
    if (addressHasControlCharacter(request)) {
      reply.code(400);
      return pages.render(request, reply, 'errors/400.njk');
    }
    // The not-found handler has no route of its own: anyone may be told a page does not exist.
    const access = request.is404 ? 'public' : (request.routeOptions.config.access ?? 'admin');
    const userId = request.session.userId;
    request.principal = userId ? await accounts.loadPrincipal(userId) : null;
    const partnershipId = (request.params as { partnershipId?: string } | undefined)?.partnershipId;
    if (partnershipId) {
      const [partnership] = await governance.partnerships.list(null, { id: partnershipId });
      // An archived partnership is read-only history for administrators, and gone for everyone else.
      if (!partnership || (partnership.archivedAt && !request.principal?.isAdmin)) return reply.callNotFound();
      request.partnership = partnership;
    }
    const areaId = (request.params as { areaId?: string } | undefined)?.areaId;
    if (areaId) {
      const [area] = await governance.areas.list(null, { id: areaId });
      if (!area || area.archivedAt) return reply.callNotFound();
      request.area = area;
    }
    if (!isAllowed(request.principal, access, request.partnership, request.area)) {
      if (!request.principal) {
        const returnTo = safeMethods.has(request.method) ? `?returnTo=${encodeURIComponent(request.url)}` : '';
        return reply.redirect(`/sign-in${returnTo}`);
      }
      reply.code(403);
      return pages.render(request, reply, 'errors/403.njk');
    }
  });
  // The CSRF token is among the form's fields, read by now.
  app.addHook('preHandler', async (request, reply) => {
    if (!safeMethods.has(request.method) && !request.is404) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
      });
    }
  });

  const environment = createViewEnvironment();
  const pages = createPageRenderer(environment, async (principal) => {
    const partnerships = await governance.partnerships.list(null);
    return partnerships
      .filter((partnership) => canViewPartnership(principal, partnership))
      .map((partnership) => ({ id: partnership.id, name: partnership.shortName }));
  });

  // Before the modules, so that each module's routes inherit the one error map.
  registerErrorHandling(app, pages);
  registerHealth(app, database);
  registerHome(app, pages, governance, container.crimeData);
  registerAccountRoutes(app, pages, container);
  registerAuditRoutes(app, pages, container);
  registerGovernanceRoutes(app, pages, governance);
  registerPerformanceRoutes(app, pages, container.performance, governance, container.meetings);
  registerFundingRoutes(app, pages, container.funding, container.meetings, (partnershipId) =>
    container.strategy.priorities.list(partnershipId, { includeArchived: true }),
  );
  registerCrimeDataRoutes(app, pages, container.crimeData, () => container.notifications.runDueJobs());
  registerTaskingRoutes(app, pages, container.tasking, {
    groups: (partnershipId) => governance.groups.list(partnershipId),
    organisations: (partnershipId) => governance.organisations.list(partnershipId),
    publishedMonths: (partnershipId) => container.crimeData.publishedMonths(partnershipId),
    meetingsToCome: (partnershipId, groupId) => container.meetings.toCome(partnershipId, { groupId }),
    meetingDate: async (partnershipId, meetingId) => (await container.meetings.get(partnershipId, meetingId)).meeting.meetingDate,
    mapTiles: config.mapTiles,
  });
  registerStrategyRoutes(app, pages, container.strategy, governance, {
    indicatorsForPriority: (partnershipId, priorityId) => container.performance.priorityIndicators(partnershipId, priorityId),
  });
  for (const routes of container.routes) await routes.register(app, pages);

  return app;
}

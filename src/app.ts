import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions, type Session } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from './container.ts';
import { type KeptAccess, createAccessCache } from './web/accessCache.ts';
import { answerUnreadableAddress, registerErrorHandling } from './web/errors.ts';
import { BadRequestError, NotPermittedError } from './platform/errors.ts';
import { registerHealth } from './web/health.ts';
import { leafletDist, tileImageSources } from './web/maps.ts';
import { type Access, canViewPartnership, isAllowed, whoMay } from './platform/policy.ts';
import { createPageRenderer, createViewEnvironment, govukFrontendDist, mojFrontendRoot } from './web/render.ts';
import { addressHasControlCharacter } from './web/query.ts';
import { type Generations, readingScope } from './platform/readOnce.ts';
import { todayInEngland } from './platform/clock.ts';
import { rememberingSigner } from './web/sessionSigner.ts';
import { databaseSessionStore } from './web/sessionStore.ts';
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
const found = (rows: readonly unknown[]) => rows.length > 0;

const assetParams = z.object({ '*': z.string() });
/** The partnership or area an address is about, if any; anything else in the address is no scope. */
const scopeIds = z
  .object({ partnershipId: z.string().optional().catch(undefined), areaId: z.string().optional().catch(undefined) })
  .catch({ partnershipId: undefined, areaId: undefined });

/** security → session → modules → 404 → error handler */
export async function buildApp(container: Container, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const { config, database, accounts, governance, clock } = container;
  const app = Fastify({ trustProxy: config.trustProxy, bodyLimit: 1024 * 1024, frameworkErrors: answerUnreadableAddress, ...options });

  // Route contracts are zod schemas: params, query and body are checked and typed before a handler runs.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Who is asking and what they may see, kept while access is unchanged; the partnerships' versions, while no
  // version has moved (web/accessCache.ts).
  const accessCache = createAccessCache(database.db);
  const pageCache = createAccessCache(database.db, 'pageGeneration');
  const keptAccess = new WeakMap<FastifyRequest, KeptAccess>();

  const registeredRoutes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} has no access rule (config.access)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') registeredRoutes.push({ method, url: route.url, access });
    }
    // A page (GET changes nothing) shares the reads its services make of the same row (platform/readOnce.ts), and
    // those kept by a generation read with its session with the requests at the same generation.
    if ([route.method].flat().every((method) => safeMethods.has(method))) {
      const handler = route.handler;
      route.handler = async function (this: FastifyInstance, request, reply) {
        const { pageGeneration } = request.session;
        const kept: Generations = {
          access: keptAccess.get(request),
          pages: typeof pageGeneration === 'string' ? await pageCache.current(pageGeneration) : undefined,
        };
        return readingScope(() => handler.call(this, request, reply), kept);
      };
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
    secret: rememberingSigner(config.sessionSecret),
    cookieName: 'safer_session',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.environment === 'production',
      // No expiry of its own: the browser forgets it when closed, and keeps it while open after its session has ended
      // (at sessionMaxAgeMs, kept by the store), so that the sign-in page can say the session ended, not appear unasked.
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
  app.get('/assets/application.css', { config: { access: 'public' } }, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(await applicationCss()),
  );
  for (const [url, root] of Object.entries(assetRoots)) {
    app.withTypeProvider<ZodTypeProvider>().get(url, { config: { access: 'public' }, schema: { params: assetParams } }, (request, reply) =>
      // Its cache rule (public, a day) set only on the file found: a page saying it is not found is the reader's own.
      reply.sendFile(request.params['*'], root, { maxAge: 86_400_000 }),
    );
  }

  app.decorateRequest('principal', null);
  app.decorateRequest('partnership', null);
  app.decorateRequest('area', null);

  // Who is asking, which partnership the route is about, and whether they may: decided once, here, before
  // any upload is read, so that no one may send files to a route they cannot use.
  app.addHook('preValidation', async (request, reply) => {
    // Nothing in an address is looked up or searched for with a control character in it (PostgreSQL refuses NUL).
    if (addressHasControlCharacter(request)) throw new BadRequestError();
    // The not-found handler has no route of its own: anyone may be told a page does not exist.
    const access = request.is404 ? 'public' : (request.routeOptions.config.access ?? 'admin');
    // A change's body may have been held open for any time since its session was read: its session, and the access
    // number read with it, are read again now that the body is in, so that a change sent into a session ended
    // meanwhile (signed out everywhere by a password change or a deactivation) is not made by it.
    const change = !safeMethods.has(request.method);
    const reread =
      change && request.session.userId
        ? ((await accounts.sessions.load(request.session.sessionId)) as Pick<Session, 'accessGeneration'> | null)
        : undefined;
    const ended = reread === null;
    if (ended) request.session.userId = undefined;
    const userId = request.session.userId;
    // Before validation: the address's ids as sent (a route's own schema checks them next).
    const { partnershipId, areaId } = scopeIds.parse(request.params);
    // The number read with the session serves a page; a change without a session read again reads the number now.
    const kept =
      userId || partnershipId || areaId
        ? await accessCache.current(change ? reread?.accessGeneration : request.session.accessGeneration)
        : null;
    if (kept) keptAccess.set(request, kept);
    // Seats are held, and chairs appointed, from a date: what the principal may do is kept for the day.
    request.principal =
      userId && kept ? await kept.get(`principal ${userId} ${todayInEngland(clock)}`, () => accounts.loadPrincipal(userId)) : null;
    if (partnershipId && kept) {
      const [partnership] = await kept.get(
        `partnership ${partnershipId}`,
        () => governance.partnerships.list(null, { id: partnershipId }),
        found,
      );
      // An archived partnership is read-only history for administrators, and gone for everyone else.
      if (!partnership || (partnership.archivedAt && !request.principal?.isAdmin)) return reply.callNotFound();
      request.partnership = partnership;
    }
    if (areaId && kept) {
      const [area] = await kept.get(`area ${areaId}`, () => governance.areas.list(null, { id: areaId }), found);
      if (!area || area.archivedAt) return reply.callNotFound();
      request.area = area;
    }
    if (!isAllowed(request.principal, access, request.partnership, request.area)) {
      if (!request.principal) {
        const query = new URLSearchParams(safeMethods.has(request.method) ? { returnTo: request.url } : {});
        // A session cookie that names no session any more: its session was ended by a sign-out or a password change
        // elsewhere, or by an administrator. The sign-in page says so, rather than appear for no reason.
        const cookie = request.cookies.safer_session;
        if (ended || (cookie && cookie !== request.session.encryptedSessionId)) query.set('ended', 'yes');
        return reply.redirect(query.size ? `/sign-in?${query.toString()}` : '/sign-in');
      }
      throw new NotPermittedError(
        access === 'public' || access === 'signedIn' ? 'You do not have permission to see this page' : whoMay[access],
      );
    }
  });
  // A signed-in person's pages are theirs alone: kept by no cache between, nor by the browser, so that Back after
  // signing out on a shared computer shows the next person nothing. A response that says how it may be kept (an
  // asset, a chart) keeps its own rule, unless it failed: its error page is the reader's.
  app.addHook('onSend', async (request, reply) => {
    if (request.principal && (reply.statusCode >= 400 || !reply.hasHeader('cache-control'))) reply.header('cache-control', 'no-store');
  });
  // The CSRF token is among the form's fields, read by now.
  app.addHook('preHandler', async (request, reply) => {
    if (!safeMethods.has(request.method) && !request.is404 && !request.routeOptions.config.signedAddress) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
      });
    }
  });

  const environment = createViewEnvironment();
  const pages = createPageRenderer(environment, async (request, principal) => {
    const read = () => governance.partnerships.list(null);
    const kept = keptAccess.get(request);
    const partnerships = await (kept ? kept.get('partnerships', read) : read());
    return partnerships
      .filter((partnership) => canViewPartnership(principal, partnership))
      .map((partnership) => ({ id: partnership.id, name: partnership.shortName }));
  });

  // Before the modules, so that each module's routes inherit the one error map.
  registerErrorHandling(app, pages);
  registerHealth(app, database);
  for (const routes of container.routes) await routes.register(app, pages);

  return app;
}

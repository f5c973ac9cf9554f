/**
 * The module contract, web side: a module's pages are one Fastify plugin, registered under its prefix with
 * the page renderer and the narrow dependencies it declares. container.ts mounts each; app.ts registers them
 * in a loop. See docs/decisions/0018-one-platform-shape.md.
 */
import type { FastifyInstance, FastifyPluginCallback } from 'fastify';
import type { PageRenderer } from './render.ts';

export interface RouteOptions<Deps> {
  pages: PageRenderer;
  deps: Deps;
}

export interface ModuleRoutes<Deps> {
  /** Where its pages live, e.g. '/partnerships/:partnershipId/actions'. */
  prefix: string;
  /** Adds the module's routes to its own encapsulated instance, then calls done. */
  plugin: FastifyPluginCallback<RouteOptions<Deps>>;
}

/** A module's routes with their dependencies, ready to register. */
export interface MountedRoutes {
  prefix: string;
  register(app: FastifyInstance, pages: PageRenderer): Promise<void>;
}

export function mount<Deps>(routes: ModuleRoutes<Deps>, deps: Deps): MountedRoutes {
  return {
    prefix: routes.prefix,
    register: async (app, pages) => {
      await app.register(routes.plugin, { prefix: routes.prefix, pages, deps });
    },
  };
}

/**
 * The home page (My work for an account that is someone; otherwise your partnerships, and for an overseer their
 * areas; the public home when signed out) and the partnership switcher.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canViewPartnership } from '../../platform/policy.ts';
import type { Principal } from '../../platform/principal.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { queryText } from '../../web/schemas.ts';
import type { GovernanceService } from './governance.service.ts';

/** A crime data file waiting for its area's decision, as the home page lists it. */
export interface WaitingFile {
  areaId: string;
  [shown: string]: unknown;
}

/** What an account that is someone has to do (the My work module's), as the home page shows it. */
export interface HomeWork {
  [shown: string]: unknown;
}

/**
 * What the home page needs: governance's partnerships and areas, the crime data files waiting for a decision, and
 * the account's own work (null for an account that is no one and officer of nothing).
 */
export interface HomeRouteDependencies {
  governance: Pick<GovernanceService, 'partnerships' | 'areas'>;
  waitingFiles: () => Promise<WaitingFile[]>;
  myWork: (principal: Principal) => Promise<HomeWork | null>;
}

export const homeRoutes: ModuleRoutes<HomeRouteDependencies> = {
  prefix: '',
  plugin(instance, { pages, deps: { governance, waitingFiles, myWork } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get('/', { config: { access: 'public' } }, async (request, reply) => {
      const principal = request.principal;
      // The public home is the service's front door: what partnerships publish, with search, and sign-in for staff.
      if (!principal) return reply.redirect('/public');
      const partnerships = (await governance.partnerships.list(null)).filter((p) => canViewPartnership(principal, p));
      // An overseer (the funder's staff) also sees each area as a whole.
      const overseen = principal.overseerAreaIds.size
        ? (await governance.areas.list(null)).filter((area) => principal.overseerAreaIds.has(area.id))
        : [];
      // The crime data files waiting for their decision: an overseer's areas', or every one for an administrator.
      const waiting = principal.isAdmin || overseen.length ? await waitingFiles() : [];
      const shown = {
        partnerships,
        overseen: overseen.map((area) => ({ ...area, waiting: waiting.filter((file) => file.areaId === area.id) })),
        waiting: principal.isAdmin ? waiting : [],
      };
      // Someone's home is their work: their meetings, actions, minutes and interests, or an officer's outstanding work.
      const work = await myWork(principal);
      if (work) return pages.render(request, reply, 'mywork/views/my-work.njk', { ...shown, title: 'My work', work });
      return pages.render(request, reply, 'governance/views/home.njk', shown);
    });

    // The partnership switcher is a plain form, so it works without JavaScript.
    app.get(
      '/switch-partnership',
      { config: { access: 'signedIn' }, schema: { querystring: z.object({ partnershipId: queryText }) } },
      async (request, reply) => {
        const { partnershipId } = request.query;
        return reply.redirect(partnershipId ? `/partnerships/${encodeURIComponent(partnershipId)}` : '/');
      },
    );
    done();
  },
};

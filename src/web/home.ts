import type { FastifyInstance } from 'fastify';
import { type CrimeDataService, waitingFileView } from '../modules/crimedata/index.ts';
import type { GovernanceService } from '../modules/governance/index.ts';
import { canViewPartnership } from '../platform/policy.ts';
import { queryValues } from './query.ts';
import type { PageRenderer } from './render.ts';

export function registerHome(
  app: FastifyInstance,
  pages: PageRenderer,
  governance: GovernanceService,
  crimeData: Pick<CrimeDataService, 'waitingFiles'>,
): void {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const principal = request.principal;
    if (!principal) return pages.render(request, reply, 'start.njk');
    const partnerships = (await governance.partnerships.list(null)).filter((p) => canViewPartnership(principal, p));
    // An overseer (the funder's staff) also sees each area as a whole.
    const overseen = principal.overseerAreaIds.size
      ? (await governance.areas.list(null)).filter((area) => principal.overseerAreaIds.has(area.id))
      : [];
    // The crime data files waiting for their decision: an overseer's areas', or every one for an administrator.
    const waiting = principal.isAdmin || overseen.length ? (await crimeData.waitingFiles()).map(waitingFileView) : [];
    return pages.render(request, reply, 'home.njk', {
      partnerships,
      overseen: overseen.map((area) => ({ ...area, waiting: waiting.filter((file) => file.areaId === area.id) })),
      waiting: principal.isAdmin ? waiting : [],
    });
  });

  // The partnership switcher is a plain form, so it works without JavaScript.
  app.get('/switch-partnership', { config: { access: 'signedIn' } }, async (request, reply) => {
    const { partnershipId } = queryValues(request.query, ['partnershipId']);
    return reply.redirect(partnershipId ? `/partnerships/${encodeURIComponent(partnershipId)}` : '/');
  });
}

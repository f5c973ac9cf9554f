/**
 * The public home and its search (no sign-in), a partnership's overview, and the search across a partnership
 * that the signed-in header offers.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchWords } from '../../platform/finding.ts';
import { isAllowed } from '../../platform/policy.ts';
import { principalOf } from '../../web/permissions.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import { withoutIndenting } from '../../web/render.ts';
import { partnershipParams, queryText } from '../../web/schemas.ts';
import type { OverviewService, PartnershipOverview } from './overview.service.ts';

export interface OverviewRouteDependencies {
  overview: OverviewService;
}

const searchQuery = z.object({ q: queryText });
/** The words of a search, and the error when the search was sent with none (a first visit, with no `q`, is just the form). */
function searchOf(q: string | undefined) {
  const words = searchWords(q);
  const noWords = 'Enter words to search for';
  const errors = q !== undefined && !words ? { summary: [{ text: noWords, href: '#search-page' }], byField: { q: noWords } } : null;
  return { words, errors };
}

const publicHomeCrumb = { text: 'Community Safety Partnerships', href: '/public' };

export const overviewRoutes: ModuleRoutes<OverviewRouteDependencies> = {
  prefix: '',
  plugin(instance, { pages, deps: { overview } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    /**
     * Each overview as rendered, by the figures it shows: the service keeps those for one reader while nothing they
     * come from changes (decision 0057), and the partnership's name and who may manage it are part of what it keeps them by.
     */
    const rendered = new WeakMap<PartnershipOverview, string>();

    app.get('/public', { config: { access: 'public' } }, async (request, reply) =>
      pages.render(request, reply, 'overview/views/public-home.njk', {
        title: 'Community Safety Partnerships: meetings, minutes and reports',
        home: await overview.publicHome(),
      }),
    );

    app.get('/public/search', { config: { access: 'public' }, schema: { querystring: searchQuery } }, async (request, reply) => {
      const { words, errors } = searchOf(request.query.q);
      return pages.render(request, reply, 'overview/views/search.njk', {
        title: words ? `Search results for ‘${words}’` : 'Search published meetings, minutes and reports',
        words,
        errors,
        action: '/public/search',
        label: 'Search published meetings, minutes and reports',
        groups: words ? await overview.publicSearch(words) : [],
        breadcrumbs: [publicHomeCrumb],
      });
    });

    app.get(
      '/partnerships/:partnershipId',
      { config: { access: 'partnership:view' }, schema: { params: partnershipParams } },
      async (request, reply) => {
        const partnership = request.partnership;
        if (!partnership) return reply.callNotFound();
        const figures = await overview.partnership(principalOf(request), partnership);
        let body = rendered.get(figures);
        if (body === undefined) {
          body = withoutIndenting(
            pages.fragment('overview/views/partnership-body.njk', {
              partnership,
              figures,
              canManage: isAllowed(request.principal, 'partnership:manage', partnership),
            }),
          );
          rendered.set(figures, body);
        }
        return pages.render(request, reply, 'kept-page.njk', {
          title: partnership.name,
          body,
          breadcrumbs: [{ text: 'Your partnerships', href: '/' }],
        });
      },
    );

    app.get(
      '/partnerships/:partnershipId/search',
      { config: { access: 'partnership:view' }, schema: { params: partnershipParams, querystring: searchQuery } },
      async (request, reply) => {
        const { partnershipId } = request.params;
        const { words, errors } = searchOf(request.query.q);
        const name = request.partnership?.shortName ?? '';
        return pages.render(request, reply, 'overview/views/search.njk', {
          title: words ? `Search results for ‘${words}’` : `Search ${name}`,
          words,
          errors,
          action: `/partnerships/${partnershipId}/search`,
          label: `Search ${name}’s meetings, minutes, decisions, actions, papers, people and organisations`,
          groups: words ? await overview.search(principalOf(request), partnershipId, words) : [],
          breadcrumbs: partnershipCrumbs(request),
        });
      },
    );
    done();
  },
};

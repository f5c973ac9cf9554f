/** The funder's view: every partnership of the area side by side for a year, on a page and as a CSV file. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendCsv } from '../../web/csv.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { areaFundingPath, areaParams, areaQuery, notFoundForUnknownAddress, oversee, yearSlug } from './funding.paths.ts';
import type { FundingService } from './funding.service.ts';
import { areaCsv, areaPage } from './funding.views.ts';

/** What the funder's view needs. */
export interface AreaFundingRouteDependencies {
  funding: FundingService;
}

export const areaFundingRoutes: ModuleRoutes<AreaFundingRouteDependencies> = {
  prefix: '/areas/:areaId/funding',
  plugin(instance, { pages, deps: { funding } }, done) {
    notFoundForUnknownAddress(instance);
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const route = { config: oversee, schema: { params: areaParams, querystring: areaQuery } };

    // The year asked for (?year=2016-17), else the latest with a grant.
    app.get('', route, async (request, reply) => {
      const { areaId } = request.params;
      const funded = await funding.area(areaId, request.query.year ?? null);
      return pages.render(request, reply, 'funding/views/area.njk', {
        ...areaPage(areaFundingPath(areaId), request.area, funded),
        breadcrumbs: [{ text: 'Your partnerships', href: '/' }],
      });
    });

    app.get('/download.csv', route, async (request, reply) => {
      const funded = await funding.area(request.params.areaId, request.query.year ?? null);
      return sendCsv(reply, `${request.area?.name ?? 'Area'} funding ${yearSlug(funded.yearStarting)}`, areaCsv(funded));
    });
    done();
  },
};

/** The overseer's pages for an area: its partnerships' crime side by side, as a page and a CSV download. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../platform/errors.ts';
import { sendCsv } from '../../web/csv.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { limitsNote, ogl, onsSource, periodFilter, periodParams } from '../crimedata/index.ts';
import { areaCsv, areaRows } from './areaComparisonPage.ts';
import type { OversightService } from './oversight.service.ts';

export interface OversightRouteDependencies {
  oversight: OversightService;
}

const areaParams = z.object({ areaId: z.string() });
const route = { config: { access: 'area:oversee' }, schema: { params: areaParams, querystring: periodParams } } as const;

export const oversightRoutes: ModuleRoutes<OversightRouteDependencies> = {
  prefix: '/areas/:areaId/crime',
  plugin(instance, { pages, deps: { oversight } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get('', route, async (request, reply) => {
      const { areaId } = request.params;
      const found = await oversight.crimeComparison(areaId, request.query);
      const filter = periodFilter(found, `/areas/${areaId}/crime`);
      const { comparison } = found;
      const areaName = request.area?.name ?? 'the area';
      return pages.render(request, reply, 'oversight/views/crime.njk', {
        title: comparison ? `Crime across ${areaName}, ${comparison.period.label}` : `Crime across ${areaName}`,
        areaName,
        filter,
        comparison: comparison && {
          label: comparison.period.label,
          earlierLabel: comparison.earlierPeriod.label,
          ...areaRows(comparison),
          download: `/areas/${areaId}/crime/download.csv${filter.search}`,
        },
        limitsNote,
        sources: [ogl, onsSource],
        breadcrumbs: [{ text: 'Your partnerships', href: '/' }],
      });
    });

    app.get('/download.csv', route, async (request, reply) => {
      const { comparison } = await oversight.crimeComparison(request.params.areaId, request.query);
      if (!comparison) throw new NotFoundError('crime comparison');
      const name = `${request.area?.name ?? 'Area'} crime ${comparison.period.from} to ${comparison.period.to}`;
      return sendCsv(reply, name, areaCsv(comparison));
    });
    done();
  },
};

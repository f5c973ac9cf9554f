/**
 * A month's hotspots: the page, each neighbourhood's own page and the CSV download, with the methods behind them.
 * The figures are worked out by the pure functions of hotspotsPage.ts from the counts the service reads, once for
 * each version of the files they come from and each way of asking; the page's own part is kept drawn by the same
 * version (decision 0059), so asked again it is the layout and three small queries.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AddressProblemError, NotFoundError } from '../../platform/errors.ts';
import { keyOf, kept } from '../../platform/kept.ts';
import { sendCsv } from '../../web/csv.ts';
import { EncodedHtml, type PageRenderer, withoutIndenting } from '../../web/render.ts';
import { partnershipParams, queryText } from '../../web/schemas.ts';
import { crimeTypesIn, emergingMethod } from './analysis/hotspots.ts';
import { matrixMethod } from './analysis/matrix.ts';
import { monthPattern } from './analysis/months.ts';
import { predictiveCalendarMethod } from './analysis/predictiveCalendar.ts';
import { trendMethod } from './analysis/series.ts';
import { type AreaLsoa } from './analysis/types.ts';
import { hotspotsQuerySchema, type HotspotsQuery } from './crimedata.inputs.ts';
import { areaView, base, type CrimeDataRequest, crimeDataCrumbs, mayAnalyse, mayOversee, view } from './crimedata.pages.ts';
import type { CrimeDataService } from './crimedata.service.ts';
import {
  asTyped,
  describeAccuracy,
  describeHotspot,
  headlineRows,
  hotspotRows,
  hotspotsCsv,
  hotspotsPage,
  type HotspotsPage,
  monthAskedWords,
  notHeldWords,
  ogl,
  onsSource,
  withoutStreetWords,
} from './hotspotsPage.ts';
import { comparability } from './lsoaEditions.ts';
import { monthName } from '../../platform/dates.ts';
import { lsoaLabel } from './lsoaLabel.ts';
import { terms } from './terms.ts';

/** Hotspots shown on the page; the CSV download has them all. */
const tableRows = 20;
/** Hotspot pages kept worked out: a month's by LSOA and by street, in each order, for a few types and months. */
const keptHotspotPages = 64;

const lsoaParams = partnershipParams.extend({ lsoaCode: z.string() });
/** Each value as the filter form sends it; hotspotsQuerySchema then decides whether the page exists. */
const hotspotsQuery = z.object({ month: queryText, by: queryText, type: queryText, sort: queryText });
const hotspotsRoute = { config: view, schema: { params: partnershipParams, querystring: hotspotsQuery } };

const hotspotsSearch = (query: HotspotsQuery, month: string | null) =>
  new URLSearchParams({
    ...(month ? { month } : {}),
    by: query.by,
    ...(query.type ? { type: query.type } : {}),
    sort: query.sort,
  }).toString();

/** A neighbourhood's own page keeps the month, crime type and order of the table it was opened from, to go back to it. */
const lsoaSearch = (query: HotspotsQuery, month: string) =>
  new URLSearchParams({
    month,
    ...(query.type ? { type: query.type } : {}),
    ...(query.sort === 'rate' ? { sort: 'rate' } : {}),
  }).toString();

/** How a table is ranked: streets have no population, so they are always ranked by their crimes. */
const rankedBy = (query: HotspotsQuery) => (query.by === 'lsoa' ? query.sort : 'count');

export function registerHotspotRoutes(instance: FastifyInstance, pages: PageRenderer, crimeData: CrimeDataService): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  // Each kept by a key that names the files the counts come from (and so the area, its editions and LSOAs).
  const keptPages = kept<HotspotsPage>(keptHotspotPages);
  const keptCrimeTypes = kept<string[]>(keptHotspotPages);
  const keptLsoas = kept<AreaLsoa[]>(keptHotspotPages);
  const keptBodies = kept<EncodedHtml>(keptHotspotPages);

  // The hotspots of a month: for a query the filter form would never send, no such page.
  async function loadHotspots(partnershipId: string, asked: z.output<typeof hotspotsQuery>) {
    // A value left empty is the default.
    const given = Object.fromEntries(Object.entries(asked).filter(([, value]) => value !== ''));
    const parsed = hotspotsQuerySchema.safeParse(given);
    const [area, publishedMonths] = await Promise.all([crimeData.area(partnershipId), crimeData.publishedMonths(partnershipId)]);
    if (!parsed.success) {
      const badMonth = given.month !== undefined && !monthPattern.test(given.month);
      throw new AddressProblemError(
        badMonth ? monthAskedWords(given.month ?? '', publishedMonths) : 'The address asks for hotspots in a way the page does not offer.',
        { text: 'Choose from the months and ways offered' },
      );
    }
    const query = parsed.data;
    const month = query.month ?? publishedMonths.at(-1) ?? null;
    const first = publishedMonths[0];
    if (!area || month === null || first === undefined || !publishedMonths.includes(month)) {
      return { query, area, publishedMonths, month, found: null };
    }
    // Every month from the first: the predictive calendar averages the same month of each earlier year.
    const { key, counts } = await crimeData.keptCrimeCounts(partnershipId, { from: first, to: month });
    const lsoas = await keptLsoas(keyOf([key, month]), () => crimeData.areaLsoas(partnershipId, month));
    // A type the data does not have is no page, as a month that is not one is.
    const crimeTypes = await keptCrimeTypes(key, () => Promise.resolve(crimeTypesIn(counts)));
    if (query.type !== undefined && !crimeTypes.includes(query.type)) {
      throw new AddressProblemError(`${asTyped(query.type)} is not a crime type of the crimes held for ${monthName(month)}.`, {
        text: 'Choose from the crime types held',
      });
    }
    // The counts' key names the files, the area and the months, so the LSOAs and editions too: the page is theirs.
    const pageKey = keyOf({ key, month, by: query.by, type: query.type, sort: query.sort });
    const page = await keptPages(pageKey, async () =>
      hotspotsPage({
        counts,
        lsoas,
        publishedMonths,
        month,
        by: query.by,
        crimeType: query.type,
        sort: query.sort,
        comparable: comparability(await crimeData.areaEditions(partnershipId)),
      }),
    );
    return { query, area, publishedMonths, month, found: { month, crimeTypes, lsoas, page, pageKey } };
  }

  type Loaded = Awaited<ReturnType<typeof loadHotspots>>;

  /** The page's own part, from what was loaded and who asks: the same for every reader who may do the same here. */
  function hotspotsBody(request: CrimeDataRequest, { query, area, publishedMonths, month, found }: Loaded): string {
    const place = query.by === 'lsoa' ? 'LSOAs' : 'streets';
    const order = rankedBy(query) === 'rate' ? 'the highest rate of crime' : 'the most crime';
    const crimeTypes = found?.crimeTypes ?? [];
    return pages.fragment('crimedata/views/hotspots-body.njk', {
      title: hotspotsTitle(found),
      area: areaView(area),
      month: month ? monthName(month) : null,
      notHeld: !found && month ? notHeldWords(month, publishedMonths) : null,
      query,
      rankedBy: rankedBy(query),
      filter: {
        months: [...publishedMonths].reverse().map((value) => ({ value, text: monthName(value), selected: value === month })),
        types: [
          { value: '', text: 'All crime types' },
          ...[...new Set([...crimeTypes, ...(query.type ? [query.type] : [])])].map((type) => ({
            value: type,
            text: type,
            selected: type === query.type,
          })),
        ],
      },
      found: found
        ? {
            headline: headlineRows(found.page.headline, found.month),
            caption: `The ${Math.min(tableRows, found.page.rows.length)} ${place} with ${order} in ${monthName(found.month)}${query.type ? `: ${query.type}` : ''}`,
            rows: found.page.rows.slice(0, tableRows).map((row) => ({
              ...describeHotspot(row, found.month, found.page.headline.heldMonths),
              href: query.by === 'lsoa' ? `${base(request)}/hotspots/lsoas/${row.key}?${lsoaSearch(query, found.month)}` : null,
            })),
            total: found.page.rows.length,
            withoutStreet: query.by === 'street' ? withoutStreetWords(found.page.withoutStreet, found.month) : null,
            emerging: found.page.emerging.map((hotspot) => ({ name: lsoaLabel(hotspot.key, hotspot.name), reason: hotspot.reason })),
            accuracy: describeAccuracy(found.page.accuracy, found.lsoas, found.month),
            download: `${base(request)}/hotspots.csv?${hotspotsSearch(query, found.month)}`,
          }
        : null,
      methods: { matrix: matrixMethod, calendar: predictiveCalendarMethod, emerging: emergingMethod, trend: trendMethod },
      terms,
      sources: [ogl, onsSource],
      mayAnalyse: mayAnalyse(request),
      mayChooseArea: mayOversee(request),
      base: base(request),
    });
  }

  // One hotspot neighbourhood's every figure: what the table leaves out, and all of it on a phone.
  app.get(
    '/hotspots/lsoas/:lsoaCode',
    { config: view, schema: { params: lsoaParams, querystring: hotspotsQuery } },
    async (request, reply) => {
      const { partnershipId, lsoaCode } = request.params;
      const { query, found } = await loadHotspots(partnershipId, { ...request.query, by: 'lsoa', sort: 'count' });
      const lsoa = found?.lsoas.find((candidate) => candidate.code === lsoaCode);
      if (!found || !lsoa) throw new NotFoundError('hotspot');
      const row = found.page.rows.find((candidate) => candidate.key === lsoaCode);
      const month = monthName(found.month);
      // Its figures are the same in either order; the way back is to the order the table was in.
      const sort = request.query.sort === 'rate' ? 'rate' : 'count';
      const back = `${base(request)}/hotspots?${hotspotsSearch({ ...query, by: 'lsoa', sort }, found.month)}`;
      return pages.render(request, reply, 'crimedata/views/hotspot.njk', {
        title: `${lsoa.name}: crime in ${month}${query.type ? `, ${query.type}` : ''}`,
        label: lsoaLabel(lsoa.code, lsoa.name),
        month,
        type: query.type ?? null,
        hotspot: row ? hotspotRows(describeHotspot(row, found.month, found.page.headline.heldMonths), row.crimeTypes) : null,
        terms,
        methods: { matrix: matrixMethod, calendar: predictiveCalendarMethod },
        back,
        sources: [ogl, onsSource],
        breadcrumbs: [...crimeDataCrumbs(request), { text: `Crime hotspots, ${month}`, href: back }],
      });
    },
  );

  app.get('/hotspots', hotspotsRoute, async (request, reply) => {
    const loaded = await loadHotspots(request.params.partnershipId, request.query);
    // Everything the body is drawn from: what was loaded and what the reader may do here. A found page's key names
    // the files its counts come from, and so the months held and the crime types too; the area's names are read.
    const drawnFrom = loaded.found
      ? [loaded.found.pageKey, loaded.area]
      : [loaded.query, loaded.area, loaded.publishedMonths, loaded.month];
    const key = keyOf([drawnFrom, base(request), mayAnalyse(request), mayOversee(request)]);
    const body = await keptBodies(key, () => Promise.resolve(new EncodedHtml(withoutIndenting(hotspotsBody(request, loaded)))));
    return pages.render(request, reply, 'kept-page.njk', {
      title: hotspotsTitle(loaded.found),
      body,
      breadcrumbs: crimeDataCrumbs(request),
    });
  });

  app.get('/hotspots.csv', hotspotsRoute, async (request, reply) => {
    const { query, found } = await loadHotspots(request.params.partnershipId, request.query);
    if (!found) throw new NotFoundError('hotspots');
    const name = `${request.partnership?.shortName ?? 'Partnership'} crime hotspots ${found.month} by ${query.by}${query.type ? ` ${query.type}` : ''}`;
    return sendCsv(reply, name, hotspotsCsv(found.page, query.by));
  });
}

const hotspotsTitle = (found: { month: string } | null) => (found ? `Crime hotspots, ${monthName(found.month)}` : 'Crime hotspots');

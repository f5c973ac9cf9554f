/**
 * The buttons of an indicator fed from crime data: update its figures from the imported police.uk data, and confirm
 * them — one period, or every one shown. Registered by the performance pages, under their prefix.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { plural } from '../../platform/numbers.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { principalOf } from '../../web/permissions.ts';
import { versionOf } from '../../web/query.ts';
import { formBody, recordParams } from '../../web/schemas.ts';
import { formatDifference, formatValue } from './format.ts';
import type { MeasurementRow } from './performance.repository.ts';
import type { PerformanceService } from './performance.service.ts';
import type { PoliceUkUpdate, SeenFigure } from './policeUkIndicators.ts';
import type { Unit } from './report.ts';

const analyse = { access: 'partnership:analyse' } as const;

/** A figure as a confirm button names it, "2016-03@2": its period and the version the analyst saw. */
export const seenValue = (m: Pick<MeasurementRow, 'period' | 'version'>): string => `${m.period}@${m.version}`;

/** The figure a button names; its version read as every form's is, so a version past any a record can have matches none. */
function seenFigure(text: string): SeenFigure | null {
  const match = /^(.+)@([^@]*)$/.exec(text);
  return match ? { period: match[1] ?? '', version: versionOf({ version: match[2] }) } : null;
}

const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** What an update did, in words for the next page. */
export function updateWords(result: PoliceUkUpdate): string {
  if (result.compared === 0) {
    return 'No period is wholly covered by the imported police.uk data yet: once the force’s files for a whole period are imported, update the figures again.';
  }
  const differing = result.differing
    ? ` ${plural(result.differing, 'confirmed figure differs', 'confirmed figures differ')} from what the data now gives: each stands until you confirm the new figure.`
    : '';
  return `Figures updated from police.uk for ${plural(result.compared, 'period', 'periods')}: ${result.added} added, ${result.changed} changed.${differing}`;
}

/** A police.uk figure on the indicator's page: whether it waits to be confirmed, and the data's figure where it now differs. */
export function policeUkFigure(m: MeasurementRow, unit: Unit): { toConfirm: boolean; dataNow: string | null; seen: string } {
  const differs = m.policeUkValue !== null && m.policeUkValue !== m.value;
  return {
    toConfirm: m.policeUkValue !== null && (m.status === 'provisional' || differs),
    dataNow:
      differs && m.policeUkValue !== null
        ? `police.uk data now gives ${formatValue(m.policeUkValue, unit)} (${formatDifference(m.policeUkValue - m.value, unit)})`
        : null,
    seen: seenValue(m),
  };
}

export function registerPoliceUkRoutes(
  app: FastifyInstance,
  performance: PerformanceService,
  indicatorHref: (request: FastifyRequest, id: string) => string,
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post('/indicators/:id/police-uk', { config: analyse, schema: { params: recordParams, body: formBody } }, async (request, reply) => {
    const { partnershipId, id } = request.params;
    await reportOnNextPage(request, async () => updateWords(await performance.updateFromPoliceUk(principalOf(request), partnershipId, id)));
    return reply.redirect(`${indicatorHref(request, id)}#figures`);
  });

  // One period's button names its figure; "Confirm all shown" names every figure the page showed to confirm.
  typed.post('/indicators/:id/confirm', { config: analyse, schema: { params: recordParams, body: formBody } }, async (request, reply) => {
    const { partnershipId, id } = request.params;
    const named = request.body.all === 'yes' ? listOf(request.body.shown) : listOf(request.body.figure);
    const seen = named.map(seenFigure).filter((figure) => figure !== null);
    await reportOnNextPage(request, async () => {
      const confirmed = await performance.confirmFigures(principalOf(request), partnershipId, id, seen);
      return confirmed ? `${plural(confirmed, 'figure', 'figures')} confirmed` : 'No figure was waiting to be confirmed';
    });
    return reply.redirect(`${indicatorHref(request, id)}#figures`);
  });
}

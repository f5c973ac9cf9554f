/**
 * The quarterly report's page inside the layout, the same for everyone who may read it the same way: rendered as a
 * fragment, so that the signed-in pages can keep it while nothing it rests on changes (decision 0054).
 */
import type { PageRenderer } from '../../web/render.ts';
import {
  directionWords,
  exceptionRule,
  exceptionWords,
  formatChange,
  formatValue,
  limitWords,
  missingWords,
  ragNames,
  rankWords,
  statusWithBasis,
  targetStatusNames,
} from './format.ts';
import { type PerformanceService, shownIn } from './performance.service.ts';
import type { IndicatorFigures, PerformanceReport } from './report.ts';
import type { TrendChart } from './trendChart.ts';

/** The figures of one indicator as the page shows them: words, not codes. */
export function figureRows(figures: IndicatorFigures): { key: string; value: string }[] {
  const value = (n: number | null) => formatValue(n, figures.unit);
  const rows = [
    { key: figures.periodLabel, value: value(figures.period.current) },
    { key: figures.frequency === 'yearly' ? 'The year before' : 'Same period last year', value: value(figures.period.previous) },
    { key: 'Change', value: formatChange(figures.period, figures.unit) },
  ];
  if (figures.yearToDate) {
    rows.push(
      { key: 'Year to date', value: value(figures.yearToDate.current) },
      { key: 'Year to date last year', value: value(figures.yearToDate.previous) },
      { key: 'Change on the year to date', value: formatChange(figures.yearToDate, figures.unit) },
    );
  }
  rows.push({ key: 'Direction of travel', value: directionWords(figures) });
  if (figures.target) {
    rows.push(
      { key: 'Target', value: figures.target.text },
      { key: 'Against target', value: figures.targetStatus ? targetStatusNames[figures.targetStatus] : 'No figure to compare' },
    );
  }
  if (figures.ratePer1000 !== null)
    rows.push({ key: 'Rate per 1,000 population', value: formatValue(figures.ratePer1000, 'rate_per_1000') });
  return rows;
}

/** What the report pages need beyond the report itself: the words, tags and charts. */
async function reportView(performance: PerformanceService, report: PerformanceReport, exceptionsOnly: boolean) {
  const shown = shownIn(report, exceptionsOnly);
  const charts = await performance.charts(shown);
  return {
    report,
    exceptionsOnly,
    exceptionCount: report.indicators.filter((figures) => figures.exception).length,
    exceptionRule,
    indicators: shown
      .map((figures) => ({ figures, msgUnit: figures.msg?.unit ?? figures.unit }))
      .map(({ figures, msgUnit }) => ({
        ...figures,
        rows: figureRows(figures),
        ragName: ragNames[figures.rag],
        statusName: statusWithBasis(figures),
        exceptionName: exceptionWords(figures),
        direction: directionWords(figures),
        msgUnit: msgUnit === figures.unit ? null : 'per 1,000 residents',
        msgRows: figures.msg?.members.map((member) => ({
          ...member,
          shown: member.value === null ? 'Not given' : formatValue(member.value, msgUnit),
        })),
        msgRank: figures.msg ? rankWords(figures.msg) : null,
        msgMissing: figures.msg ? missingWords(figures.msg) : null,
        msgAverage: formatValue(figures.msg?.average ?? null, msgUnit),
        msgPublished: figures.msg?.publishedAverage === null ? null : formatValue(figures.msg?.publishedAverage ?? null, msgUnit),
        msgLimits: figures.msg ? limitWords(figures.msg, msgUnit, 1) : null,
        msgLimits2: figures.msg ? limitWords(figures.msg, msgUnit, 2) : null,
        chart: charts.get(figures.indicatorId),
      })),
  };
}

/**
 * The report's page without the layout: all it shows is the report, the addresses in `context` and what they permit.
 * With `chartsHref`, each chart is an image at `${chartsHref}/${chart.key}.svg` (the page's answer is a tenth of the
 * size); without, inline. Returns the charts it shows, for their addresses to serve.
 */
export async function reportBody(
  pages: PageRenderer,
  performance: PerformanceService,
  report: PerformanceReport,
  context: { exceptionsOnly: boolean; title: string; chartsHref?: string } & Record<string, unknown>,
): Promise<{ html: string; charts: TrendChart[] }> {
  const view = await reportView(performance, report, context.exceptionsOnly);
  return {
    html: pages.fragment('performance/views/report-body.njk', { ...view, ...context }),
    charts: view.indicators.flatMap(({ chart }) => (chart ? [chart] : [])),
  };
}

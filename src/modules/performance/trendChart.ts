/**
 * The trend chart of an indicator: a Vega-Lite spec compiled to Vega and rendered to an SVG string on the
 * server (no browser JavaScript), then made fit to inline into a page under the CSP and to draw into a PDF.
 */
import { createHash } from 'node:crypto';
import type { Loader, parse, Runtime, View } from 'vega';
import type { compile, Config, TopLevelSpec } from 'vega-lite';
import { keyOf, kept } from '../../platform/kept.ts';
import type { Frequency, SeriesPoint, Unit } from './report.ts';

export interface TrendChartInput {
  /** The indicator's name. */
  title: string;
  unit: Unit;
  /** Oldest first; a null value is a gap (nothing recorded), never a zero. */
  series: SeriesPoint[];
  /** Drawn as a dashed horizontal rule labelled "Target". */
  target?: number | null;
  /** Names the periods in the text alternative ("Quarterly values from …"). */
  frequency?: Frequency;
  /** Prefix of the ids of the chart's <title> and <desc>; by default derived from a hash of the input. */
  id?: string;
}

export interface TrendChart {
  svg: string;
  /** A hash of everything the chart shows: names the chart in its address. */
  key: string;
  /** The text alternative: one or two sentences for a screen reader or a printed report. */
  description: string;
}

const WIDTH = 640;
const HEIGHT = 240;
const COLOUR = { line: '#1d70b8', text: '#505a5f', grid: '#b1b4b6', target: '#d4351c', background: '#ffffff' };
const FONT = 'arial, sans-serif';

// Vega and Vega-Lite are loaded with the first chart, not before the server can answer. Built once and shared by
// every chart: a loader that has nothing to load (the data is inline) and so cannot be made to fetch anything.
type Vega = { View: typeof View; parse: typeof parse; compile: typeof compile; loader: Loader };
let vegaModules: Promise<Vega> | undefined;
const loadVega = () =>
  (vegaModules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, { compile }]) => {
    const loader = vega.loader({ mode: 'http' });
    loader.load = () => Promise.reject(new Error('The trend chart loads nothing'));
    return { View: vega.View, parse: vega.parse, compile, loader };
  }));

// The config, with the number formats of the axes (£ as the currency).
const config: Config = {
  locale: { number: { decimal: '.', thousands: ',', grouping: [3], currency: ['£', ''] } },
  font: FONT,
  background: COLOUR.background,
  // The whole chart is one image described by its <title> and <desc>: no ARIA on the marks inside.
  aria: false,
  view: { stroke: null },
  axis: {
    labelColor: COLOUR.text,
    titleColor: COLOUR.text,
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    domainColor: COLOUR.grid,
    tickColor: COLOUR.grid,
    gridColor: COLOUR.grid,
    gridOpacity: 0.6,
  },
  legend: { labelColor: COLOUR.text, labelFontSize: 12, titleColor: COLOUR.text },
};

/** A figure in the indicator's unit, as the report writes it: money is held in pence and shown in pounds. */
function formatValue(unit: Unit, value: number): string {
  const number = (v: number, digits: number) => v.toLocaleString('en-GB', { maximumFractionDigits: digits });
  switch (unit) {
    case 'money': {
      const pounds = value / 100;
      const whole = Number.isInteger(pounds);
      return `£${pounds.toLocaleString('en-GB', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 })}`;
    }
    case 'percentage':
      return `${number(value, 1)}%`;
    case 'rate_per_1000':
      return number(value, 3);
    case 'count':
      return number(value, 2);
  }
}

const FREQUENCY_WORDS: Record<Frequency, string> = {
  monthly: 'Monthly values',
  quarterly: 'Quarterly values',
  yearly: 'Yearly values',
};

function list(labels: string[]): string {
  return labels.join(', ');
}

/** The text alternative: the span, the highest, lowest and latest figures, the gaps and the target. */
export function describeTrend(input: TrendChartInput): string {
  const { series, unit } = input;
  const values = series.filter((p): p is SeriesPoint & { value: number } => p.value !== null);
  const target = input.target === null || input.target === undefined ? '' : ` Target ${formatValue(unit, input.target)}.`;
  const first = series[0];
  const last = series.at(-1);
  if (!first || !last) return `No figures recorded.${target}`;
  const span =
    `${input.frequency ? FREQUENCY_WORDS[input.frequency] : 'Values'} ` +
    (first === last ? `for ${first.label}` : `from ${first.label} to ${last.label}`);
  const latest = values.at(-1);
  if (!latest) return `${span}: no figures recorded.${target}`;

  let highest = latest;
  let lowest = latest;
  for (const point of values) {
    if (point.value > highest.value) highest = point;
    if (point.value < lowest.value) lowest = point;
  }
  const parts: string[] = [];
  if (values.length > 1) {
    parts.push(
      `${span}: highest ${formatValue(unit, highest.value)} in ${highest.label}, ` +
        `lowest ${formatValue(unit, lowest.value)} in ${lowest.label}; ` +
        `latest ${formatValue(unit, latest.value)} (${latest.label}).`,
    );
  } else {
    parts.push(`${span}: one figure, ${formatValue(unit, latest.value)} (${latest.label}).`);
  }
  const gaps = series.filter((p) => p.value === null).map((p) => p.label);
  if (gaps.length === 1) parts.push(`1 period has no figure: ${list(gaps)}.`);
  else if (gaps.length > 1) parts.push(`${gaps.length} periods have no figure: ${list(gaps)}.`);
  const provisional = values.filter((p) => p.provisional).map((p) => p.label);
  if (provisional.length > 0) parts.push(`Provisional: ${list(provisional)}.`);
  return parts.join(' ') + target;
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** What the spec depends on. The figures themselves go in as data, so a spec serves every chart of its shape. */
interface Shape {
  unit: Unit;
  target: boolean;
  provisional: boolean;
  /** Many or long period labels are drawn at an angle. */
  angled: boolean;
}

/**
 * The Vega-Lite spec of a chart: a line broken at the gaps, a point for each figure (hollow if provisional),
 * the target. Its data are the named datasets "points" (label, value, status, oldest first) and "target".
 */
function trendSpec(shape: Shape): TopLevelSpec {
  const { unit } = shape;
  const x = {
    field: 'label',
    type: 'ordinal',
    title: null,
    // The periods in the order given, gaps included.
    sort: null,
    axis: { labelAngle: shape.angled ? -45 : 0, labelOverlap: false, ticks: false },
  } as const;
  const yAxis = {
    title: unit === 'rate_per_1000' ? 'Per 1,000 people' : null,
    // d3-format: "f" with no precision lets Vega choose the decimal places for the tick step; "$" is £.
    format: unit === 'money' ? '$,f' : ',f',
    ...(unit === 'percentage' ? { labelExpr: "datum.label + '%'" } : {}),
    ...(unit === 'count' || unit === 'money' ? { tickMinStep: 1 } : {}),
    tickCount: 5,
    domain: false,
    ticks: false,
  };
  // The scale is made nice with the axis's own tick count, so that its top is a labelled gridline: niced with
  // Vega's default of 10 ticks, 0–260 stays 0–260 while the axis labels every 50, and the top figure sits
  // above the last gridline as if off the chart.
  const y = { field: 'value', type: 'quantitative', title: null, scale: { nice: yAxis.tickCount }, axis: yAxis } as const;

  const layers: Layer[] = [
    {
      // A null value breaks the path (and is left out of the points), so a gap is never drawn as zero.
      mark: { type: 'line', color: COLOUR.line, strokeWidth: 3, invalid: 'break-paths-show-path-domains' },
      encoding: { x, y },
    },
    {
      transform: [{ filter: 'isValid(datum.value)' }],
      mark: {
        type: 'point',
        shape: 'circle',
        size: 60,
        filled: true,
        opacity: 1,
        stroke: COLOUR.line,
        strokeWidth: 2,
      },
      encoding: {
        x,
        y,
        fill: {
          field: 'status',
          type: 'nominal',
          scale: { domain: ['Final', 'Provisional'], range: [COLOUR.line, COLOUR.background] },
          legend: shape.provisional
            ? {
                title: null,
                orient: 'top',
                direction: 'horizontal',
                labelExpr: "datum.label === 'Provisional' ? 'Provisional (hollow)' : 'Final'",
                symbolStrokeColor: COLOUR.line,
                symbolStrokeWidth: 2,
                symbolOpacity: 1,
                labelLimit: 0,
              }
            : null,
        },
      },
    },
  ];
  if (shape.target) {
    // Drawn first, so the line and its points lie over the rule.
    layers.unshift(
      {
        data: { name: 'target' },
        mark: { type: 'rule', color: COLOUR.target, strokeWidth: 2, strokeDash: [6, 4] },
        encoding: { y: { field: 'value', type: 'quantitative' } },
      },
      {
        data: { name: 'target' },
        mark: {
          type: 'text',
          text: 'Target',
          color: COLOUR.target,
          align: 'right',
          baseline: 'bottom',
          dy: -3,
          fontSize: 12,
          x: { expr: 'width' },
        },
        encoding: { y: { field: 'value', type: 'quantitative' } },
      },
    );
  }
  return {
    width: WIDTH,
    height: HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 8,
    config,
    data: { name: 'points' },
    layer: layers,
  };
}

// Compiling the Vega-Lite spec and parsing the Vega is about half the work of a chart: done once for each
// shape (at most 4 units × 2 × 2 × 2), and each chart then makes a View of the parsed runtime with its data.
const runtimes = new Map<string, Runtime>();

function runtimeFor(shape: Shape, { parse, compile }: Vega): Runtime {
  const key = JSON.stringify(shape);
  let runtime = runtimes.get(key);
  if (!runtime) {
    runtime = parse(compile(trendSpec(shape)).spec);
    runtimes.set(key, runtime);
  }
  return runtime;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A tag of Vega's SVG without what draws nothing: coordinates past a hundredth of a pixel, and attributes at their
 * default (full opacity; pointer events, as nothing on the page listens to the chart). A chart is about 20 KB, and a
 * report of 40 indicators inlines them all; only tags are touched, never the text a chart shows.
 */
const slimTag = (tag: string): string =>
  tag.replace(/(\d\.\d\d)\d+/g, '$1').replace(/ (?:opacity|stroke-opacity|fill-opacity)="1"| pointer-events="none"/g, '');

/**
 * Vega's SVG made fit to inline under the CSP and to stand alone: the root gets role="img" and its <title>
 * and <desc>; any style attribute becomes presentation attributes (Vega writes one only for blend modes and
 * pixelated images, which the chart does not use); ids Vega makes (clip paths, gradients) are prefixed so two
 * charts on one page cannot clash; and the width and height stay fixed, with the viewBox, so it scales.
 */
function finishSvg(svg: string, id: string, title: string, description: string): string {
  let out = svg
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/ style="([^"]*)"/g, (_, declarations: string) =>
      declarations
        .split(';')
        .map((d) => d.split(':').map((s) => s.trim()))
        .filter(([name, value]) => name && value && /^[a-z-]+$/.test(name) && !/[<>"]/.test(value))
        .map(([name, value]) => ` ${name}="${value}"`)
        .join(''),
    )
    // Vega's own roles and labels inside: the chart is one image, described by its <title> and <desc>.
    .replace(/ (?:role|aria-[a-z]+)="[^"]*"/g, '')
    .replace(/ id="([^"]+)"/g, ` id="${id}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${id}-$1)`)
    .replace(/<[^>]+>/g, slimTag);
  out = out.replace(
    /^<svg([^>]*)>/,
    (_, attributes: string) =>
      `<svg${attributes} role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
      `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`,
  );
  return out;
}

/**
 * Charts already drawn, by a hash of their whole input: a chart is a pure function of its input, so one kept here
 * can never be out of date, and a report page opened again (or by fifty people at once) draws its charts once.
 */
const drawn = kept<TrendChart>(2000);

/** The trend of an indicator as an SVG to inline into a page (or draw into a PDF), and its text alternative. */
export function renderTrendChart(input: TrendChartInput): Promise<TrendChart> {
  const key = keyOf(input);
  return drawn(key, async () => ({ ...(await drawTrendChart(input)), key }));
}

async function drawTrendChart(input: TrendChartInput): Promise<Omit<TrendChart, 'key'>> {
  const description = describeTrend(input);
  const id =
    input.id ??
    'trend-' +
      createHash('sha256')
        .update(JSON.stringify([input.title, input.unit, input.series, input.target ?? null]))
        .digest('hex')
        .slice(0, 10);
  // Money is held in pence; the chart is drawn in pounds, so that the axis ticks fall on round pounds.
  const scaled = (v: number) => (input.unit === 'money' ? v / 100 : v);
  const points = input.series.map((p) => ({
    label: p.label,
    value: p.value === null ? null : scaled(p.value),
    status: p.provisional ? 'Provisional' : 'Final',
  }));
  const longest = Math.max(0, ...input.series.map((p) => p.label.length));
  const target = input.target ?? null;
  const shape: Shape = {
    unit: input.unit,
    target: target !== null,
    provisional: input.series.some((p) => p.provisional && p.value !== null),
    angled: input.series.length * (longest * 7 + 12) > WIDTH - 80,
  };
  const vega = await loadVega();
  const view = new vega.View(runtimeFor(shape, vega), { renderer: 'none', loader: vega.loader }).data('points', points);
  if (target !== null) view.data('target', [{ value: scaled(target) }]);
  try {
    const svg = await view.toSVG();
    return { svg: finishSvg(svg, id, `${input.title}: trend`, description), description };
  } finally {
    view.finalize();
  }
}

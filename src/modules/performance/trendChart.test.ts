import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SeriesPoint } from './report.ts';
import { renderTrendChart } from './trendChart.ts';

function series(values: (number | null)[], provisional: number[] = []): SeriesPoint[] {
  return values.map((value, i) => ({
    period: `2015-16 Q${i + 1}`,
    label: `Q${(i % 4) + 1} ${14 + Math.floor(i / 4)}/${15 + Math.floor(i / 4)}`,
    value,
    provisional: provisional.includes(i),
  }));
}

/** The text of every <text> element: axis labels, legend labels and the target's label. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}

/** The `d` of the line mark's path (the one line of values). */
function linePaths(svg: string): string[] {
  const group = /<g class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/.exec(svg);
  assert.ok(group, 'the chart has a line mark');
  return [...(group[1] ?? '').matchAll(/<path[^>]* d="([^"]*)"/g)].map((m) => m[1] ?? '');
}

/** The points drawn for the values: their fills. */
function pointFills(svg: string): string[] {
  const group = /<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/.exec(svg);
  if (!group) return [];
  return [...(group[1] ?? '').matchAll(/<path[^>]* fill="([^"]*)"/g)].map((m) => m[1] ?? '');
}

/** Every opening tag is closed, in order: the SVG is well-formed enough to inline and to parse as XML. */
function assertBalanced(svg: string): void {
  const stack: string[] = [];
  for (const [tag, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name, `unbalanced ${tag}`);
    else stack.push(name ?? '');
  }
  assert.deepEqual(stack, []);
}

describe('renderTrendChart', () => {
  it('is one accessible image, with a title and description it points at, and is safe under the CSP', async () => {
    const { svg, description } = await renderTrendChart({
      title: 'Burglary & robbery',
      unit: 'count',
      series: series([120, 140, null, 90]),
    });
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assertBalanced(svg);
    const root = /^<svg([^>]*)>/.exec(svg)?.[1] ?? '';
    assert.match(root, / role="img"/);
    assert.match(root, / width="640" height="240" viewBox="0 0 640 240"/);
    const [titleId, descId] = (/ aria-labelledby="([^"]*)"/.exec(root)?.[1] ?? '').split(' ');
    assert.ok(titleId && descId);
    assert.match(svg, new RegExp(`<title id="${titleId}">Burglary &#38; robbery: trend</title>`));
    assert.ok(svg.includes(`<desc id="${descId}">${description}</desc>`));
    // Nothing the CSP would block, nothing to fetch, and no ARIA of Vega's competing with the image's.
    assert.doesNotMatch(svg, /<script/i);
    assert.doesNotMatch(svg, /<style/i);
    assert.doesNotMatch(svg, / style=/);
    assert.doesNotMatch(svg, /href=|<image|@import|url\((?!#)/);
    assert.equal(svg.match(/ role=/g)?.length, 1);
    assert.equal(svg.match(/ aria-/g)?.length, 1);
  });

  it('gives each chart its own ids, or the id it is given', async () => {
    const a = await renderTrendChart({ title: 'A', unit: 'count', series: series([1, 2]) });
    const b = await renderTrendChart({ title: 'B', unit: 'count', series: series([1, 2]) });
    const idsOf = (svg: string) => [...svg.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(idsOf(a.svg).length, 2);
    assert.deepEqual(
      idsOf(a.svg).filter((id) => idsOf(b.svg).includes(id)),
      [],
    );
    const c = await renderTrendChart({ id: 'burglary-trend', title: 'A', unit: 'count', series: series([1, 2]) });
    assert.deepEqual(idsOf(c.svg), ['burglary-trend-title', 'burglary-trend-desc']);
  });

  it('breaks the line at a gap and never draws the gap as zero', async () => {
    const { svg } = await renderTrendChart({ title: 'Burglary', unit: 'count', series: series([100, 120, null, 140, 160]) });
    const [path, ...others] = linePaths(svg);
    assert.deepEqual(others, []);
    // Two runs of two points each: M a L b M c L d. Drawn as zero it would be one run of five.
    assert.equal(path?.match(/M/g)?.length, 2);
    assert.equal(path?.match(/[ML]/g)?.length, 4);
    assert.equal(pointFills(svg).length, 4);
    // The y axis still starts at zero, but nothing is drawn on it.
    const plotHeight = Number(/<path class="background" d="M0,0h[\d.]+v([\d.]+)h/.exec(svg)?.[1]);
    assert.ok(plotHeight > 100);
    const ys = [...(path ?? '').matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    assert.ok(ys.every((y) => y < plotHeight - 1));
  });

  it('joins the line where there is no gap', async () => {
    const { svg } = await renderTrendChart({ title: 'Burglary', unit: 'count', series: series([100, 120, 0, 140, 160]) });
    const [path] = linePaths(svg);
    assert.equal(path?.match(/M/g)?.length, 1);
    assert.equal(path?.match(/[ML]/g)?.length, 5);
    assert.equal(pointFills(svg).length, 5);
  });

  it('draws provisional figures as hollow points, with a legend that says so', async () => {
    const withProvisional = await renderTrendChart({
      title: 'Burglary',
      unit: 'count',
      series: series([100, 120, 140], [2]),
    });
    assert.deepEqual(pointFills(withProvisional.svg), ['#1d70b8', '#1d70b8', '#ffffff']);
    assert.ok(texts(withProvisional.svg).includes('Provisional (hollow)'));
    assert.match(withProvisional.description, /Provisional: Q3 14\/15\./);

    const final = await renderTrendChart({ title: 'Burglary', unit: 'count', series: series([100, 120, 140]) });
    assert.deepEqual(pointFills(final.svg), ['#1d70b8', '#1d70b8', '#1d70b8']);
    assert.ok(!texts(final.svg).some((t) => t.startsWith('Provisional')));
    assert.doesNotMatch(final.description, /Provisional/);
  });

  it('labels the x axis with the periods in order', async () => {
    // Not in alphabetical order (Q1 15/16 comes last), and with gaps where only the line knows the period.
    const { svg } = await renderTrendChart({ title: 'Burglary', unit: 'count', series: series([null, 5, null, 7, 8]) });
    const labels = texts(svg).filter((t) => t.startsWith('Q'));
    assert.deepEqual(labels, ['Q1 14/15', 'Q2 14/15', 'Q3 14/15', 'Q4 14/15', 'Q1 15/16']);
  });

  it('tops the y axis with a labelled gridline above the highest figure', async () => {
    // Niced with ten ticks, 0–260 would stay 0–260 while the axis labels every 50: 260 would sit above the last line.
    const { svg } = await renderTrendChart({ title: 'Burglary', unit: 'count', series: series([260, 250, 240, 222]) });
    assert.deepEqual(
      texts(svg).filter((text) => /^\d+$/.test(text)),
      ['0', '50', '100', '150', '200', '250', '300'],
    );
  });

  it('gives charts of the same shape their own figures, one after another or at once', async () => {
    const input = (values: (number | null)[]) => ({ title: 'Burglary', unit: 'count' as const, series: series(values) });
    const first = await renderTrendChart(input([100, 200, 300]));
    const second = await renderTrendChart(input([900, 800, 700]));
    assert.notEqual(first.svg, second.svg);
    assert.ok(texts(second.svg).includes('800'));
    assert.ok(!texts(first.svg).includes('800'));
    const together = await Promise.all([input([100, 200, 300]), input([900, 800, 700])].map(renderTrendChart));
    assert.deepEqual(
      together.map((c) => c.svg),
      [first.svg, second.svg],
    );
  });

  it('describes the span, the highest, lowest and latest figures, the gaps and the target', async () => {
    const { description } = await renderTrendChart({
      title: 'Burglary',
      unit: 'count',
      frequency: 'quarterly',
      series: series([null, null, 1200, 1500, 2100, 2915, 800, 110]),
      target: 100,
    });
    assert.equal(
      description,
      'Quarterly values from Q1 14/15 to Q4 15/16: highest 2,915 in Q2 15/16, lowest 110 in Q4 15/16; ' +
        'latest 110 (Q4 15/16). 2 periods have no figure: Q1 14/15, Q2 14/15. Target 100.',
    );
  });

  it('says so when nothing was recorded', async () => {
    const { description, svg } = await renderTrendChart({ title: 'Burglary', unit: 'count', series: series([null]) });
    assert.equal(description, 'Values for Q1 14/15: no figures recorded.');
    assert.doesNotMatch(svg, /NaN|undefined|Infinity/);
  });

  it('shows money, held in pence, as pounds', async () => {
    const { svg, description } = await renderTrendChart({
      title: 'Cost of crime',
      unit: 'money',
      series: series([150_000, 250_050]),
      target: 200_000,
    });
    const axis = texts(svg).filter((t) => /\d/.test(t) && !t.startsWith('Q'));
    assert.ok(axis.includes('£2,500'), axis.join(' '));
    assert.ok(axis.every((t) => t.startsWith('£')));
    assert.ok(!axis.some((t) => t.includes('250,000')));
    assert.match(description, /highest £2,500\.50 in Q2 14\/15, lowest £1,500 in Q1 14\/15.*Target £2,000\.$/);
  });

  it('shows percentages with a % sign and rates to no more than 3 decimal places', async () => {
    const percentage = await renderTrendChart({ title: 'Repeat victims', unit: 'percentage', series: series([20, 35.25]) });
    const percentAxis = texts(percentage.svg).filter((t) => /\d/.test(t) && !t.startsWith('Q'));
    assert.ok(percentAxis.length > 2 && percentAxis.every((t) => t.endsWith('%')), percentAxis.join(' '));
    assert.match(percentage.description, /latest 35\.3% \(Q2 14\/15\)/);

    const rate = await renderTrendChart({ title: 'Burglary rate', unit: 'rate_per_1000', series: series([1.23456, 2]) });
    assert.match(rate.description, /lowest 1\.235 in Q1 14\/15/);
    assert.ok(texts(rate.svg).includes('Per 1,000 people'));
  });

  it('draws the target as a dashed red rule labelled Target, only when there is one', async () => {
    const rule = /<line [^>]*stroke="#d4351c"[^>]*stroke-dasharray="6,4"/;
    const withTarget = await renderTrendChart({ title: 'Burglary', unit: 'count', series: series([100, 120]), target: 90 });
    assert.match(withTarget.svg, rule);
    assert.ok(texts(withTarget.svg).includes('Target'));
    for (const target of [undefined, null]) {
      const without = await renderTrendChart({ title: 'Burglary', unit: 'count', series: series([100, 120]), target });
      assert.doesNotMatch(without.svg, rule);
      assert.doesNotMatch(without.svg, /#d4351c/);
      assert.ok(!texts(without.svg).includes('Target'));
      assert.doesNotMatch(without.description, /Target/);
    }
  });
});

describe('a trend chart is drawn without what draws nothing', () => {
  it('writes coordinates to a hundredth of a pixel and leaves out attributes at their default, keeping every label', async () => {
    const values = Array.from({ length: 36 }, (_, i) => 100 + ((i * 37) % 23) + i / 7);
    const chart = await renderTrendChart({ title: 'Slim', unit: 'rate_per_1000', series: series(values, [35]), target: 110.125 });
    const tags = chart.svg.match(/<[^>]+>/g) ?? [];
    assert.deepEqual(
      tags.filter((tag) => /\d\.\d{3}/.test(tag)),
      [],
    );
    assert.deepEqual(
      tags.filter((tag) => / (?:opacity|stroke-opacity|fill-opacity)="1"| pointer-events="none"/.test(tag)),
      [],
    );
    // The figures the chart shows keep their digits: a rate's axis labels and the text alternative are untouched.
    assert.ok(texts(chart.svg).includes('Target'));
    assert.match(chart.svg, /<desc[^>]*>[^<]*Target 110\.125\.<\/desc>/);
    assert.ok(linePaths(chart.svg).length > 0);
    assertBalanced(chart.svg);
  });
});

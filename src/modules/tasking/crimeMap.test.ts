import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentPdf } from '../../platform/documents.ts';
import { createViewEnvironment } from '../../web/render.ts';
import { type CrimePoint, crimeMap, crimeMapSvg } from './crimeMap.ts';

const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
// Foleshill, Coventry.
const LATITUDE = 52.4273;
const LONGITUDE = -1.4937;

function crime(crimeType: string, location: string, north = 0, east = 0): CrimePoint {
  return {
    latitude: LATITUDE + north / METRES_PER_DEGREE,
    longitude: LONGITUDE + east / (METRES_PER_DEGREE * Math.cos((LATITUDE * Math.PI) / 180)),
    crimeType,
    location,
  };
}

function circles(svg: string): { cx: number; cy: number; r: number; fill: string }[] {
  return [...svg.matchAll(/<circle cx="([\d.-]+)" cy="([\d.-]+)" r="([\d.]+)" fill="([^"]+)"/g)].map(([, cx, cy, r, fill]) => ({
    cx: Number(cx),
    cy: Number(cy),
    r: Number(r),
    fill: fill ?? '',
  }));
}

/** Each plotted point is a group with its own <title>; its circles are its rings. */
function spots(svg: string): { title: string; circles: ReturnType<typeof circles> }[] {
  return [...svg.matchAll(/<g><title>([^<]*)<\/title>(.*?)<\/g>/g)].map(([, title, inner]) => ({
    title: title ?? '',
    circles: circles(inner ?? ''),
  }));
}

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}

function viewBox(svg: string): { width: number; height: number } {
  const [, width, height] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg) ?? [];
  return { width: Number(width), height: Number(height) };
}

const month: CrimePoint[] = [
  crime('Anti-social behaviour', 'On or near Lancelot Close', 0, 0),
  crime('Anti-social behaviour', 'On or near Lancelot Close', 0, 0),
  crime('Burglary', 'On or near Lancelot Close', 0, 0),
  crime('Anti-social behaviour', 'On or near Foleshill Road', 1000, 0),
  crime('Vehicle crime', 'On or near Station Street', 0, 1000),
  crime('Burglary', 'On or near Station Street', 0, 1000),
];

describe('crimeMapSvg', () => {
  it('is one accessible image that says how many crimes there were and where most were', () => {
    const svg = crimeMapSvg(month, { title: 'Crimes in Foleshill, March 2016' });
    const root = /^<svg([^>]*)>/.exec(svg)?.[1] ?? '';
    assert.match(root, / role="img"/);
    assert.match(root, / xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const [titleId, descId] = (/ aria-labelledby="([^"]*)"/.exec(root)?.[1] ?? '').split(' ');
    assert.ok(svg.includes(`<title id="${titleId}">Crimes in Foleshill, March 2016</title>`));
    assert.ok(
      svg.includes(
        `<desc id="${descId}">6 crimes at 3 points; busiest: On or near Lancelot Close (3); most common: Anti-social behaviour (3)</desc>`,
      ),
    );
    assert.doesNotMatch(svg, /class=|style=|<image|href=|NaN|Infinity/);
  });

  it('draws the crimes at one point as one circle with the count beside it, a ring for each type', () => {
    const svg = crimeMapSvg(month, { title: 'Map' });
    const drawn = spots(svg);
    assert.equal(drawn.length, 3);
    const [busiest] = drawn;
    assert.equal(busiest?.title, 'On or near Lancelot Close: 3 crimes (Anti-social behaviour 2, Burglary 1)');
    assert.equal(busiest?.circles.length, 2, 'a ring for each type');
    const [outer, inner] = busiest?.circles ?? [];
    assert.ok(outer && inner && outer.r > inner.r);
    assert.equal(outer.cx, inner.cx);
    const single = drawn.find((spot) => spot.title.startsWith('On or near Foleshill Road'));
    assert.equal(single?.circles.length, 1);
    // Area grows with the count: three crimes make a circle √3 times as wide as one.
    assert.ok(Math.abs((outer.r / (single?.circles[0]?.r ?? 0)) ** 2 - 3) < 0.1);
    assert.deepEqual(
      texts(svg).filter((t) => /^\d+$/.test(t)),
      ['3', '2'],
      'the count beside each point with more than one crime',
    );
  });

  it('plots every point inside the picture, a kilometre as long east–west as north–south', () => {
    const svg = crimeMapSvg(month, { title: 'Map' });
    const { width, height } = viewBox(svg);
    for (const c of circles(svg)) {
      assert.ok(c.cx - c.r >= 0 && c.cx + c.r <= width && c.cy - c.r >= 0 && c.cy + c.r <= height, JSON.stringify(c));
    }
    const centre = (location: string) => spots(svg).find((spot) => spot.title.startsWith(location))?.circles[0];
    const origin = centre('On or near Lancelot Close');
    const north = centre('On or near Foleshill Road');
    const east = centre('On or near Station Street');
    assert.ok(origin && north && east);
    assert.ok(north.cy < origin.cy, 'north is up');
    assert.ok(east.cx > origin.cx);
    const kilometreUp = origin.cy - north.cy;
    const kilometreAcross = east.cx - origin.cx;
    assert.ok(Math.abs(kilometreUp - kilometreAcross) < 0.5, `${kilometreUp} up, ${kilometreAcross} across`);

    // The scale bar is as long, for its distance, as the kilometre between the points.
    const label = texts(svg).find((t) => / k?m$/.test(t)) ?? '';
    const metres = Number.parseFloat(label) * (label.endsWith('km') ? 1000 : 1);
    const [, x1, x2] = /<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)" y2="[\d.]+"\/>/.exec(svg.slice(svg.lastIndexOf('<g stroke'))) ?? [];
    assert.ok(Math.abs(Number(x2) - Number(x1) - (kilometreUp * metres) / 1000) < 0.5, `${label} is ${Number(x2) - Number(x1)} long`);
    assert.ok(texts(svg).includes('North is up'));
  });

  it('lists each type with its count in the legend, and puts any beyond eight together as other types in grey', () => {
    const types = ['Burglary', 'Drugs', 'Robbery', 'Shoplifting', 'Bicycle theft', 'Public order', 'Other theft', 'Vehicle crime'];
    const points = [
      ...types.flatMap((type, i) => Array.from({ length: 10 - i }, (_, j) => crime(type, `On or near Street ${j}`, j * 50, i * 50))),
      crime('Possession of weapons', 'On or near Street 0'),
      crime('Criminal damage and arson', 'On or near Street 1', 100),
    ];
    const svg = crimeMapSvg(points, { title: 'Map' });
    const legend = texts(svg);
    assert.ok(legend.includes('Burglary (10)'));
    assert.ok(legend.includes('Vehicle crime (3)'));
    assert.ok(legend.includes('Other types (2)'));
    assert.ok(!legend.some((t) => t.startsWith('Possession of weapons')));
    const fills = new Set(circles(svg).map((c) => c.fill));
    assert.equal(fills.size, 9, 'eight colours and grey');
    assert.ok(fills.has('#999999'));
  });

  it('escapes every text it writes', () => {
    const svg = crimeMapSvg(
      [crime('<script>alert("x")</script>', "On or near O'Brien & Sons"), crime('Drugs', "On or near O'Brien & Sons")],
      {
        title: 'Crimes <in> "Foleshill" & Radford',
      },
    );
    assert.doesNotMatch(svg, /<script|<in>|O'Brien & Sons/);
    assert.match(svg, /<title id="[^"]+">Crimes &#60;in&#62; &#34;Foleshill&#34; &#38; Radford<\/title>/);
    assert.ok(texts(svg).includes('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;'), 'in the legend');
    assert.match(svg, /busiest: On or near O&#39;Brien &#38; Sons \(2\)/);
  });

  it('says there were no crimes when there were none with a location', () => {
    const svg = crimeMapSvg([{ latitude: Number.NaN, longitude: Number.NaN, crimeType: 'Drugs', location: '' }], { title: 'Map' });
    assert.match(svg, /<desc id="[^"]+">No crimes with a location this month<\/desc>/);
    assert.ok(texts(svg).includes('No crimes with a location this month'));
    assert.deepEqual(circles(svg), []);
    assert.doesNotMatch(svg, /NaN/);
  });

  it('puts a single point in the middle, with a scale bar that still makes sense', () => {
    const svg = crimeMapSvg([crime('Drugs', 'On or near Lancelot Close')], { title: 'Map', width: 800, height: 500 });
    assert.deepEqual(viewBox(svg), { width: 800, height: 500 });
    assert.doesNotMatch(svg, /NaN|Infinity/);
    const [only] = circles(svg);
    const frame = /<rect x="0.5" y="0.5" width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    assert.ok(only && frame);
    assert.ok(Math.abs(only.cx - (0.5 + Number(frame[1]) / 2)) < 0.1 && Math.abs(only.cy - (0.5 + Number(frame[2]) / 2)) < 0.1);
    assert.match(svg, /<desc id="[^"]+">1 crime at 1 point; busiest: On or near Lancelot Close \(1\); most common: Drugs \(1\)<\/desc>/);
    assert.ok(texts(svg).some((t) => /^\d+ m$/.test(t)));
  });

  it('draws the same picture whatever order the crimes come in', () => {
    assert.equal(crimeMapSvg([...month].reverse(), { title: 'Map' }), crimeMapSvg(month, { title: 'Map' }));
  });

  it('draws into a PDF as a chart block, with nothing svg-to-pdfkit cannot read', async (t) => {
    const warn = t.mock.method(console, 'warn');
    const svg = crimeMapSvg(month, { title: 'Crimes in Foleshill, March 2016' });
    const pdf = await documentPdf({
      title: 'Tasking document',
      footer: 'Foleshill',
      blocks: [{ kind: 'chart', svg, description: 'Crimes in Foleshill' }],
    });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.equal(warn.mock.callCount(), 0, String(warn.mock.calls[0]?.arguments));
  });
});

describe('crimeMap', () => {
  const tiles = { urlTemplate: 'https://tile.example/{z}/{x}/{y}.png', attribution: '© Tiles & "Co"' };

  it('gives the Leaflet map the merged points, safe to put inside a script element', () => {
    const map = crimeMap([...month, crime('Drugs', 'On or near </script><b>', 500)], { title: 'Map', tiles });
    assert.equal(map.tiles, tiles);
    assert.equal(map.svg, crimeMapSvg([...month, crime('Drugs', 'On or near </script><b>', 500)], { title: 'Map' }));
    assert.match(map.description, /^7 crimes at 4 points/);
    assert.doesNotMatch(map.pointsJson, /</);
    const data = JSON.parse(map.pointsJson) as {
      legend: { label: string; count: number }[];
      points: { location: string; count: number; rings: { label: string; count: number; radius: number }[] }[];
    };
    assert.equal(data.points.length, 4);
    assert.deepEqual(
      data.points[0]?.rings.map((ring) => [ring.label, ring.count]),
      [
        ['Anti-social behaviour', 2],
        ['Burglary', 1],
      ],
    );
    assert.ok(data.points.some((point) => point.location === 'On or near </script><b>'));
    assert.deepEqual(
      data.legend.map((entry) => [entry.label, entry.count]),
      [
        ['Anti-social behaviour', 3],
        ['Burglary', 2],
        ['Drugs', 1],
        ['Vehicle crime', 1],
      ],
    );
  });

  it('is drawn by the macro as the plot alone, or with the points and script for Leaflet when there are tiles', () => {
    const render = (map: unknown) =>
      createViewEnvironment().renderString('{% from "tasking/views/crimeMap.njk" import crimeMap %}{{ crimeMap(map) }}', { map });
    const offline = render(crimeMap(month, { title: 'Map', tiles: null }));
    assert.match(offline, /<figure class="safer-chart" data-crime-map>\s*<svg /);
    assert.match(offline, /<figcaption class="govuk-body-s">6 crimes at 3 points/);
    assert.doesNotMatch(offline, /<script|leaflet/);

    const online = render(crimeMap(month, { title: 'Map', tiles }));
    assert.match(online, / data-tile-url="https:\/\/tile.example\/\{z\}\/\{x\}\/\{y\}.png"/);
    assert.match(online, / data-tile-attribution="© Tiles &amp; &quot;Co&quot;"/);
    assert.match(online, /<script type="application\/json">\{"legend":/);
    assert.match(online, /<script type="module" src="\/assets\/safer\/crime-map.js"><\/script>/);
    assert.match(online, /<link rel="stylesheet" href="\/assets\/leaflet\/leaflet.css">/);
  });
});

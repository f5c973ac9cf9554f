/**
 * The map of a month's crimes for a tasking document: an SVG plot of police.uk's points with no base map, so
 * it needs no internet and goes into the PDF as it is, and the same points as JSON for the optional Leaflet
 * map that `src/web/public/crime-map.js` draws over it where a tile server is configured.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../config.ts';

export interface CrimePoint {
  longitude: number;
  latitude: number;
  crimeType: string;
  /** police.uk's name for the anonymised point, e.g. "On or near Lancelot Close". */
  location: string;
}

export interface CrimeMapOptions {
  /** The map's accessible name, e.g. "Crimes in Foleshill, March 2016". */
  title: string;
  width?: number;
  height?: number;
}

/** What the `crimeMap` macro in `views/crimeMap.njk` takes. */
export interface CrimeMap {
  svg: string;
  /** The text alternative, also the SVG's <desc>: for a caption, or the `description` of a document's chart block. */
  description: string;
  /** The points for crime-map.js, safe to put inside a <script type="application/json"> as it is. */
  pointsJson: string;
  tiles: Config['mapTiles'];
}

interface LegendEntry {
  label: string;
  colour: string;
  count: number;
}

/** Crimes sharing one of police.uk's snap points, by legend entry (largest first). */
interface Spot {
  longitude: number;
  latitude: number;
  location: string;
  count: number;
  types: LegendEntry[];
}

// Okabe and Ito's colour-blind-safe palette, in an order that keeps the commonest types furthest apart.
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#56b4e9', '#cc79a7', '#f0e442', '#000000'];
const OTHER = { label: 'Other types', colour: '#999999' };
const TEXT = '#0b0c0c';
const SECONDARY_TEXT = '#505a5f';
const FONT = 'Arial, Helvetica, sans-serif';
const LEGEND_WIDTH = 210;
const MIN_RADIUS = 2.5;
const MAX_RADIUS = 24;
/** A map of one point, or of points a few metres apart, still shows a few hundred metres around them. */
const MIN_SPAN_METRES = 400;
/** On a sphere of the Earth's mean radius (6,371,008.8 m); the error is well under 1% at a town's scale. */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const EMPTY = 'No crimes with a location this month';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Coordinates to a tenth of a unit: enough for the eye, and the same text on every machine. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-GB')} ${word}${count === 1 ? '' : 's'}`;
}

/** A crime with no usable position cannot be plotted; police.uk leaves a few without one. */
function located(points: CrimePoint[]): CrimePoint[] {
  return points.filter(
    (p) => Number.isFinite(p.longitude) && Number.isFinite(p.latitude) && Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180,
  );
}

/** A colour for each of the commonest types, the rest together as "Other types" in grey. */
function legendFor(points: CrimePoint[]): { entries: LegendEntry[]; entryOf: (crimeType: string) => LegendEntry } {
  const counts = new Map<string, number>();
  for (const p of points) counts.set(p.crimeType, (counts.get(p.crimeType) ?? 0) + 1);
  const ranked = [...counts].sort(([a, x], [b, y]) => y - x || byText(a, b));
  const coloured = new Map(ranked.slice(0, PALETTE.length).map(([label, count], i) => [label, { label, count, colour: PALETTE[i] ?? '' }]));
  const rest = ranked.slice(PALETTE.length);
  const other = { ...OTHER, count: rest.reduce((sum, [, count]) => sum + count, 0) };
  return {
    entries: [...coloured.values(), ...(rest.length ? [other] : [])],
    entryOf: (crimeType) => coloured.get(crimeType) ?? other,
  };
}

function spotsOf(points: CrimePoint[], entryOf: (crimeType: string) => LegendEntry): Spot[] {
  // police.uk gives six decimal places (about 10 cm): the same point is the same text.
  const grouped = new Map<string, CrimePoint[]>();
  for (const p of points) {
    const key = `${p.latitude.toFixed(6)},${p.longitude.toFixed(6)}`;
    const crimes = grouped.get(key);
    if (crimes) crimes.push(p);
    else grouped.set(key, [p]);
  }
  const spots = [...grouped].map(([key, crimes]): Spot => {
    const counts = new Map<LegendEntry, number>();
    for (const crime of crimes) {
      const entry = entryOf(crime.crimeType);
      counts.set(entry, (counts.get(entry) ?? 0) + 1);
    }
    const [latitude, longitude] = key.split(',').map(Number) as [number, number];
    return {
      longitude,
      latitude,
      // police.uk names each point once; the first name in order keeps the output the same if it did not.
      location: crimes.map((c) => c.location).sort(byText)[0] ?? '',
      count: crimes.length,
      types: [...counts].map(([entry, count]) => ({ ...entry, count })).sort((a, b) => b.count - a.count || byText(a.label, b.label)),
    };
  });
  // The busiest first, so that smaller circles are drawn over larger ones and stay visible.
  return spots.sort((a, b) => b.count - a.count || b.latitude - a.latitude || a.longitude - b.longitude || byText(a.location, b.location));
}

/** E.g. "42 crimes at 17 points; busiest: On or near X (9); most common: Burglary (12)". */
function describe(spots: Spot[], entries: LegendEntry[]): string {
  const [busiest] = spots;
  const [commonest] = entries;
  if (!busiest || !commonest) return EMPTY;
  const total = spots.reduce((sum, spot) => sum + spot.count, 0);
  return (
    `${plural(total, 'crime')} at ${plural(spots.length, 'point')}; busiest: ${busiest.location} (${busiest.count}); ` +
    `most common: ${commonest.label} (${commonest.count})`
  );
}

/** Circle area grows with the count; the busiest point's radius is at most MAX_RADIUS. */
function radiusScale(spots: Spot[]): (count: number) => number {
  const most = Math.max(1, ...spots.map((spot) => spot.count));
  const perRootCrime = Math.min(4, MAX_RADIUS / Math.sqrt(most));
  return (count) => Math.max(MIN_RADIUS, perRootCrime * Math.sqrt(count));
}

/**
 * A point with more than one type is drawn as nested circles, largest type outermost: each circle's area
 * stands for its type and every type inside it, so each ring's area is its own type's count.
 */
function ringsOf(spot: Spot, radius: (count: number) => number): (LegendEntry & { radius: number })[] {
  let inside = spot.count;
  return spot.types.map((type) => {
    const ring = { ...type, radius: radius(inside) };
    inside -= type.count;
    return ring;
  });
}

interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Equirectangular, with east–west distances shrunk by the cosine of the middle latitude, so that at a
 * partnership's scale a metre is the same length across as up the page; the aspect is kept and the points
 * centred in the frame.
 */
function projection(spots: Spot[], frame: Frame) {
  const longitudes = spots.map((s) => s.longitude);
  const latitudes = spots.map((s) => s.latitude);
  const west = Math.min(...longitudes);
  const south = Math.min(...latitudes);
  const north = Math.max(...latitudes);
  const eastWest = Math.cos((((south + north) / 2) * Math.PI) / 180) * METRES_PER_DEGREE;
  const spanX = (Math.max(...longitudes) - west) * eastWest;
  const spanY = (north - south) * METRES_PER_DEGREE;
  const pixelsPerMetre = Math.min(frame.width / Math.max(spanX, MIN_SPAN_METRES), frame.height / Math.max(spanY, MIN_SPAN_METRES));
  const left = frame.x + (frame.width - spanX * pixelsPerMetre) / 2;
  const top = frame.y + (frame.height - spanY * pixelsPerMetre) / 2;
  return {
    pixelsPerMetre,
    x: (longitude: number) => left + (longitude - west) * eastWest * pixelsPerMetre,
    y: (latitude: number) => top + (north - latitude) * METRES_PER_DEGREE * pixelsPerMetre,
  };
}

/** The longest 1, 2 or 5 × 10ⁿ metres that fits in the room given, and its label. */
function scaleBar(pixelsPerMetre: number, room: number): { metres: number; label: string } {
  const most = room / pixelsPerMetre;
  const power = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((step) => step * power).find((length) => length <= most) ?? power;
  return { metres, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/** Lines of at most `width` characters, broken between words. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function text(x: number, y: number, words: string, attributes = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attributes}>${escapeXml(words)}</text>`;
}

/** The crimes that can be plotted, merged by point, and the legend they are coloured by. */
function prepare(points: CrimePoint[]): { spots: Spot[]; entries: LegendEntry[] } {
  const crimes = located(points);
  const { entries, entryOf } = legendFor(crimes);
  return { spots: spotsOf(crimes, entryOf), entries };
}

/** The plot on its own, as a self-contained SVG (no fonts, images or links to fetch, no CSS). */
export function crimeMapSvg(points: CrimePoint[], options: CrimeMapOptions): string {
  const { spots, entries } = prepare(points);
  return drawSvg(spots, entries, options);
}

function drawSvg(spots: Spot[], entries: LegendEntry[], options: CrimeMapOptions): string {
  const legend = legendLines(spots, entries);
  // Room for the legend beside a plot still big enough to read; taller if the legend needs it.
  const width = Math.max(options.width ?? 640, LEGEND_WIDTH + 240);
  const height = Math.max(options.height ?? 480, (legend.at(-1)?.y ?? 0) + 110);
  const description = describe(spots, entries);
  const id =
    'crime-map-' +
    createHash('sha256')
      .update(JSON.stringify([options.title, width, height, spots]))
      .digest('hex')
      .slice(0, 10);
  const frame: Frame = { x: 0.5, y: 0.5, width: width - (spots.length ? LEGEND_WIDTH : 0) - 1, height: height - 1 };
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" font-family="${FONT}" fill="${TEXT}">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`,
    `<rect x="${frame.x}" y="${frame.y}" width="${n(frame.width)}" height="${n(frame.height)}" fill="#ffffff" stroke="#b1b4b6"/>`,
  ];
  if (spots.length === 0) {
    out.push(text(frame.x + frame.width / 2, frame.y + frame.height / 2, EMPTY, ' font-size="14" text-anchor="middle"'), '</svg>');
    return out.join('');
  }

  const radius = radiusScale(spots);
  // Padding keeps the largest circle and its count inside the frame.
  const padding = radius(spots[0]?.count ?? 1) + 16;
  const project = projection(spots, {
    x: frame.x + padding,
    y: frame.y + padding,
    width: frame.width - 2 * padding,
    height: frame.height - 2 * padding,
  });
  const counts: string[] = [];
  out.push('<g stroke="#0b0c0c" stroke-width="0.5">');
  for (const spot of spots) {
    const x = project.x(spot.longitude);
    const y = project.y(spot.latitude);
    const rings = ringsOf(spot, radius);
    const breakdown = spot.types.map((type) => `${type.label} ${type.count}`).join(', ');
    out.push(`<g><title>${escapeXml(`${spot.location}: ${plural(spot.count, 'crime')} (${breakdown})`)}</title>`);
    for (const ring of rings) out.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(ring.radius)}" fill="${ring.colour}"/>`);
    out.push('</g>');
    // Up and to the right of the circle, clear of its edge; drawn after every circle so none hides one.
    const offset = (rings[0]?.radius ?? MIN_RADIUS) * Math.SQRT1_2 + 1;
    if (spot.count > 1) counts.push(text(x + offset, y - offset, String(spot.count)));
  }
  out.push('</g>', `<g font-size="10" font-weight="bold">${counts.join('')}</g>`);

  const left = width - LEGEND_WIDTH + 14;
  out.push('<g font-size="12">');
  for (const line of legend) {
    if (line.colour) {
      out.push(`<circle cx="${left + 6}" cy="${line.y - 4}" r="6" fill="${line.colour}" stroke="#0b0c0c" stroke-width="0.5"/>`);
    }
    out.push(text(left + line.indent, line.y, line.text, line.attributes));
  }
  out.push('</g>');

  // "North is up" and the scale bar at the foot of the legend's column.
  const north = { x: left + 6, y: height - 80 };
  out.push(
    `<line x1="${north.x}" y1="${north.y}" x2="${north.x}" y2="${north.y - 22}" stroke="${TEXT}" stroke-width="1.5"/>`,
    `<polygon points="${north.x - 5},${north.y - 16} ${north.x},${north.y - 26} ${north.x + 5},${north.y - 16}" fill="${TEXT}"/>`,
    text(north.x, north.y + 13, 'N', ' font-size="12" font-weight="bold" text-anchor="middle"'),
    text(left + 18, north.y - 8, 'North is up', ' font-size="11"'),
  );
  const bar = scaleBar(project.pixelsPerMetre, Math.min(LEGEND_WIDTH - 40, frame.width / 3));
  const end = n(left + bar.metres * project.pixelsPerMetre);
  const base = height - 20;
  out.push(
    `<g stroke="${TEXT}" stroke-width="1.5">`,
    `<line x1="${left}" y1="${base}" x2="${end}" y2="${base}"/>`,
    `<line x1="${left}" y1="${base - 5}" x2="${left}" y2="${base + 1}"/>`,
    `<line x1="${end}" y1="${base - 5}" x2="${end}" y2="${base + 1}"/>`,
    '</g>',
    text(left, base - 9, bar.label, ' font-size="11"'),
    '</svg>',
  );
  return out.join('');
}

interface LegendLine {
  y: number;
  text: string;
  /** The swatch, on an entry's first line. */
  colour?: string;
  indent: number;
  attributes: string;
}

/** The legend's lines from the top of its column: a swatch and count for each type, then how to read it. */
function legendLines(spots: Spot[], entries: LegendEntry[]): LegendLine[] {
  if (spots.length === 0) return [];
  const lines: LegendLine[] = [{ y: 20, text: 'Crime type', indent: 0, attributes: ' font-size="13" font-weight="bold"' }];
  let y = 20;
  for (const entry of entries) {
    y += 5;
    for (const [i, line] of wrap(`${entry.label} (${entry.count.toLocaleString('en-GB')})`, 26).entries()) {
      y += 15;
      lines.push({ y, text: line, indent: 18, attributes: '', ...(i === 0 ? { colour: entry.colour } : {}) });
    }
  }
  const notes = [
    "Each circle is one of police.uk's points; its area grows with the crimes there, and the figure beside it counts them.",
    ...(spots.some((spot) => spot.types.length > 1)
      ? ['A point with more than one type has a ring for each, the commonest outermost.']
      : []),
  ];
  y += 10;
  for (const line of notes.flatMap((note) => wrap(note, 32))) {
    y += 14;
    lines.push({ y, text: line, indent: 0, attributes: ` font-size="11" fill="${SECONDARY_TEXT}"` });
  }
  return lines;
}

/** The plot, its text alternative and the points for the Leaflet map: what the `crimeMap` macro takes. */
export function crimeMap(points: CrimePoint[], options: CrimeMapOptions & { tiles: Config['mapTiles'] }): CrimeMap {
  const { spots, entries } = prepare(points);
  const radius = radiusScale(spots);
  const data = {
    legend: entries,
    points: spots.map((spot) => ({
      latitude: spot.latitude,
      longitude: spot.longitude,
      location: spot.location,
      count: spot.count,
      rings: ringsOf(spot, radius).map((ring) => ({ ...ring, radius: Math.round(ring.radius * 10) / 10 })),
    })),
  };
  return {
    svg: drawSvg(spots, entries, options),
    description: describe(spots, entries),
    // "<" escaped, so that no location name can close the script element it is put in.
    pointsJson: JSON.stringify(data).replace(/</g, '\\u003c'),
    tiles: options.tiles,
  };
}

/**
 * A chart or map drawn as SVG, made ready for a document: its text alternative (the SVG's own <title>, and the
 * description the page shows beside it), and a PNG of it for Word, which shows SVG only with a PNG beside it.
 */
import { Resvg } from '@resvg/resvg-js';

export interface TextAlternative {
  /** The picture's accessible name: the SVG's <title>, as the page's screen reader hears it. */
  title: string;
  description: string;
}

/** XML's five escapes undone, for text read out of SVG or Word markup. */
export const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export function textAlternative(svg: string, description: string): TextAlternative {
  const title = /<title\b[^>]*>([^<]*)<\/title>/.exec(svg)?.[1];
  return { title: title ? unescapeXml(title).trim() : description, description };
}

/** The one text a PDF figure's Alt holds: the name, then the description, as the page reads them together. */
export function chartAlternative(chart: { svg: string; description: string }): string {
  const { title, description } = textAlternative(chart.svg, chart.description);
  return title === description ? description : `${title}. ${description}`;
}

/**
 * The SVG as a PNG `width` pixels wide, drawn at twice that for print. Its words are drawn in the system's
 * fonts (Arial's metric twin, Liberation Sans, on Debian), so a server needs a sans-serif font installed.
 */
export function svgToPng(svg: string, width: number): { png: Buffer; width: number; height: number } {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: width * 2 }, background: '#ffffff' }).render();
  return { png: image.asPng(), width, height: Math.round((image.height / image.width) * width) };
}

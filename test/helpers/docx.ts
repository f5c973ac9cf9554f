/** What a Word file holds, enough for tests: its text, pictures with their alt text, headings and table header rows. */
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { unescapeXml } from '../../src/platform/svgImage.ts';

/** Word's text, a line per paragraph (a table cell is a paragraph), joined by spaces. */
export async function textOfDocx(docx: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
  return xml
    .split('</w:p>')
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1] ?? '')).join(''))
    .filter(Boolean)
    .join(' ');
}

/** A picture in a Word file: its part, whether that part is a PNG, and the alt text on its drawing. */
export interface DocxImage {
  part: string;
  png: boolean;
  name: string | undefined;
  title: string | undefined;
  description: string | undefined;
}

const attribute = (element: string, name: string) => {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
  return value === undefined ? undefined : unescapeXml(value);
};

/** Each drawing's picture and its alt text, in document order. */
export async function imagesOfDocx(docx: Buffer): Promise<DocxImage[]> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const relationships = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
  const targets = new Map(
    [...relationships.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attribute(m[0], 'Id'), attribute(m[0], 'Target')] as const),
  );
  const images: DocxImage[] = [];
  for (const drawing of xml.split('</w:drawing>').slice(0, -1)) {
    const properties = /<wp:docPr\b[^>]*>/.exec(drawing)?.[0] ?? '';
    const embed = /<a:blip\b[^>]*r:embed="([^"]*)"/.exec(drawing)?.[1];
    const part = `word/${targets.get(embed) ?? ''}`;
    const bytes = await zip.file(part)?.async('nodebuffer');
    images.push({
      part,
      png: bytes?.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ?? false,
      name: attribute(properties, 'name'),
      title: attribute(properties, 'title'),
      description: attribute(properties, 'descr'),
    });
  }
  return images;
}

/** The Word heading styles used, in order, each with its text: what Word's navigation pane lists. */
export async function headingsOfDocx(docx: Buffer): Promise<{ style: string; text: string }[]> {
  const xml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
  return xml.split('</w:p>').flatMap((paragraph) => {
    const style = /<w:pStyle w:val="(Heading\d|Title)"\/>/.exec(paragraph)?.[1];
    const text = [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1] ?? '')).join('');
    return style ? [{ style, text }] : [];
  });
}

/** For each table, whether its first row is marked as a header row (repeated on each page, read as headings). */
export async function tableHeaderRowsOfDocx(docx: Buffer): Promise<boolean[]> {
  const xml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
  return xml
    .split('<w:tbl>')
    .slice(1)
    .map((table) => /<w:trPr>(?:(?!<\/w:trPr>).)*<w:tblHeader\/>/s.test(table.split('</w:tr>')[0] ?? ''));
}

/**
 * Asserts what every Word file the service makes must be: headings in Word's heading styles from Heading 1
 * with no level skipped, every table's first row a header row, and every picture a PNG with alt text.
 */
export async function expectAccessibleDocx(docx: Buffer): Promise<void> {
  const levels = (await headingsOfDocx(docx)).map((heading) => Number(heading.style.replace('Heading', '')));
  assert.equal(levels[0], 1, 'the first heading is Heading 1');
  levels.forEach((level, index) =>
    assert.ok(index === 0 || level <= (levels[index - 1] ?? 0) + 1, `no heading level skipped: ${levels.join(' ')}`),
  );
  assert.ok((await tableHeaderRowsOfDocx(docx)).every(Boolean), 'every table has a header row');
  for (const image of await imagesOfDocx(docx)) {
    assert.ok(image.png, `${image.part} is a PNG`);
    assert.ok(image.description && image.title, `${image.part} has alt text`);
  }
}

/** The text of a Word file, enough for tests. */
import JSZip from 'jszip';

/** Word's text, a line per paragraph (a table cell is a paragraph), joined by spaces. */
export async function textOfDocx(docx: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
  const unescape = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return xml
    .split('</w:p>')
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1] ?? '')).join(''))
    .filter(Boolean)
    .join(' ');
}

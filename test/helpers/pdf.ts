/** The text a PDF draws, enough for tests: its streams inflated, each TJ/Tj string decoded, kerning gaps ignored. */
import { inflateSync } from 'node:zlib';

export function textOfPdf(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((match) => {
    const bytes = Buffer.from(match[1] ?? '', 'latin1');
    // A compressed stream may itself end in a CR byte, which the pattern took as part of the line end.
    for (const candidate of [bytes, Buffer.concat([bytes, Buffer.from('\r')])]) {
      try {
        return inflateSync(candidate).toString('latin1');
      } catch {
        // not this one
      }
    }
    return bytes.toString('latin1');
  });
  const lines: string[] = [];
  for (const stream of streams) {
    for (const operator of stream.matchAll(/\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = operator[1] ? [...operator[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '').join('') : (operator[2] ?? '');
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}

/**
 * The PDF's text as one run of words (lines that wrap, and SVG text drawn a glyph at a time, read as one).
 * textOfPdf finds a stream's end by "endstream" and so drops a last byte that happens to be a CR (about one
 * stream in 256); here each stream is cut by its /Length and inflated first, and textOfPdf reads the plain streams.
 */
export function wordsOfPdf(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const plain = [...raw.matchAll(/\/Length (\d+)\s*\/Filter \/FlateDecode\s*>>\s*stream\r?\n/g)].map((match) => {
    const start = (match.index ?? 0) + match[0].length;
    const content = inflateSync(Buffer.from(raw.slice(start, start + Number(match[1])), 'latin1')).toString('latin1');
    return `stream\n${content}\nendstream`;
  });
  return textOfPdf(Buffer.from(plain.join('\n'), 'latin1')).replace(/\s+/g, ' ');
}

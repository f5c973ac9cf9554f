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

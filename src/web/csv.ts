import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { numberPattern } from '../platform/numbers.ts';

/** A download, never shown in the browser, named from a title ("Board minutes.pdf" becomes board-minutes.pdf). */
export function sendFile(reply: FastifyReply, name: string, type: string, body: string | Buffer): FastifyReply {
  const dot = name.lastIndexOf('.');
  const stem = name
    .slice(0, dot)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${stem}${name.slice(dot)}"`)
    .send(body);
}

/**
 * Starts like a formula (OWASP's list, with the full-width forms Apple Numbers folds to them), spaces before it
 * included: a spreadsheet that trims them would otherwise read " -6" or " =1+1" as a number or a formula.
 */
const formulaStart = /^[\s\u00A0]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

/**
 * A text cell that starts like a formula (=HYPERLINK(…)) is written as text, with an apostrophe before it; a number
 * stays a number. Only what numberPattern calls a number (-6, -6.5, -1,234: digits, a sign, a point and commas,
 * nothing around them) can call nothing, so "-2+3+cmd|…" and " -6" are text.
 */
export function guardCell(cell: string): string {
  return formulaStart.test(cell) && !numberPattern.test(cell) ? `'${cell}` : cell;
}

/** The rows as CSV, every cell guarded against running as a formula. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows.map((row) => row.map(guardCell)));
}

/** A CSV file download: a byte-order mark so Excel reads UTF-8, and no cell that a spreadsheet would run. */
export function sendCsv(reply: FastifyReply, title: string, rows: readonly (readonly string[])[]): FastifyReply {
  return sendFile(reply, `${title}.csv`, 'text/csv; charset=utf-8', `\uFEFF${toCsv(rows)}`);
}

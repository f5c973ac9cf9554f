import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

/**
 * A CSV file download: a byte-order mark so Excel reads UTF-8, a file name made from the title, and
 * cells that start like a formula (=HYPERLINK(…)) written as text so a spreadsheet does not run them.
 */
export function sendCsv(reply: FastifyReply, title: string, rows: readonly (readonly string[])[]): FastifyReply {
  const filename = `${title
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()}.csv`;
  const csv = stringify(rows as string[][], { escape_formulas: true });
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(`\uFEFF${csv}`);
}

import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

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
 * A CSV file download: a byte-order mark so Excel reads UTF-8, and cells that start like a formula
 * (=HYPERLINK(…)) written as text so a spreadsheet does not run them.
 */
export function sendCsv(reply: FastifyReply, title: string, rows: readonly (readonly string[])[]): FastifyReply {
  const csv = stringify(rows as string[][], { escape_formulas: true });
  return sendFile(reply, `${title}.csv`, 'text/csv; charset=utf-8', `\uFEFF${csv}`);
}

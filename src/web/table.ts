/**
 * GOV.UK Frontend's table, drawn in code: the same markup as its `govukTable` macro for the same parameters
 * (table.test.ts compares the two), at a small part of the cost. The macro runs `govukAttributes`, itself a
 * macro, for every cell: a table of 50 rows took most of a page's time to draw, however little else it showed.
 */
import nunjucks from 'nunjucks';

/** What a template may put in a cell or an attribute: written as `{{ value }}` would write it. */
type Content = string | number | boolean | nunjucks.runtime.SafeString | null | undefined;
type Attributes = Record<string, Content | { value: Content; optional?: boolean }> | string | nunjucks.runtime.SafeString;

interface Cell {
  text?: Content;
  html?: Content;
  format?: string;
  classes?: string;
  colspan?: number | string;
  rowspan?: number | string;
  attributes?: Attributes;
}

export interface TableParams {
  caption?: Content;
  captionClasses?: string;
  classes?: string;
  attributes?: Attributes;
  firstCellIsHeader?: boolean;
  head?: Cell[];
  rows?: (Cell[] | null | undefined | false)[];
}

const { SafeString } = nunjucks.runtime;
// The escaping Nunjucks gives `{{ value }}` (untyped in @types/nunjucks), so that a cell reads as the macro wrote it.
const { escape } = nunjucks.lib as unknown as { escape: (text: string) => string };
const isSafe = (value: unknown): value is nunjucks.runtime.SafeString => value instanceof SafeString;

/** A value as `{{ value }}` writes it with autoescape on: nothing for null, marked-safe text as it is. */
function escaped(value: Content): string {
  if (value === null || value === undefined) return '';
  return isSafe(value) ? String(value) : escape(String(value));
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  Object.prototype.toString.call(value) === '[object Object]' && !isSafe(value);

/** As GOV.UK's `govukAttributes`: ` name="value"` pairs, optional ones left out when empty. */
function attributesHtml(attributes: Attributes | undefined): string {
  if (typeof attributes === 'string' || isSafe(attributes)) return String(attributes);
  if (!isMapping(attributes)) return '';
  let html = '';
  for (const [name, item] of Object.entries(attributes)) {
    const options = isMapping(item) ? item : { value: item, optional: false };
    const value = options.value;
    const valueHtml = escaped(value);
    const present = value !== null && value !== undefined && value !== false;
    if (options.optional === true && value === true) html += ` ${escaped(name)}`;
    else if (options.optional !== true || present) html += ` ${escaped(name)}="${valueHtml}"`;
  }
  return html;
}

const contentOf = (cell: Cell) => (cell.html ? String(cell.html) : escaped(cell.text));
const classesOf = (base: string, cell: Cell) =>
  `${base}${cell.format ? ` ${base}--${escaped(cell.format)}` : ''}${cell.classes ? ` ${escaped(cell.classes)}` : ''}`;
const spansOf = (cell: Cell) =>
  `${cell.colspan ? ` colspan="${escaped(cell.colspan)}"` : ''}${cell.rowspan ? ` rowspan="${escaped(cell.rowspan)}"` : ''}`;

export function tableHtml(params: TableParams): nunjucks.runtime.SafeString {
  const parts = [`<table class="govuk-table${params.classes ? ` ${escaped(params.classes)}` : ''}"${attributesHtml(params.attributes)}>`];
  if (params.caption) {
    const classes = params.captionClasses ? ` ${escaped(params.captionClasses)}` : '';
    parts.push(`<caption class="govuk-table__caption${classes}">${escaped(params.caption)}</caption>`);
  }
  if (params.head) {
    parts.push('<thead class="govuk-table__head"><tr class="govuk-table__row">');
    for (const item of params.head) {
      const attributes = `${spansOf(item)}${attributesHtml(item.attributes)}`;
      parts.push(`<th scope="col" class="${classesOf('govuk-table__header', item)}"${attributes}>${contentOf(item)}</th>`);
    }
    parts.push('</tr></thead>');
  }
  parts.push('<tbody class="govuk-table__body">');
  for (const row of params.rows ?? []) {
    if (!row) continue;
    parts.push('<tr class="govuk-table__row">');
    row.forEach((cell, index) => {
      const attributes = `${spansOf(cell)}${attributesHtml(cell.attributes)}`;
      if (index === 0 && params.firstCellIsHeader) {
        const classes = `govuk-table__header${cell.classes ? ` ${escaped(cell.classes)}` : ''}`;
        parts.push(`<th scope="row" class="${classes}"${attributes}>${contentOf(cell)}</th>`);
      } else {
        parts.push(`<td class="${classesOf('govuk-table__cell', cell)}"${attributes}>${contentOf(cell)}</td>`);
      }
    });
    parts.push('</tr>');
  }
  parts.push('</tbody></table>');
  return new SafeString(parts.join(''));
}

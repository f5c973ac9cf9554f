import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nunjucks from 'nunjucks';
import { createViewEnvironment } from './render.ts';
import { type TableParams, tableHtml } from './table.ts';

const environment = createViewEnvironment();
const macro = new nunjucks.Template(
  '{% from "govuk/components/table/macro.njk" import govukTable %}{{ govukTable(params) }}',
  environment,
  'govuk-table.njk',
);
// The macro lays its markup out over lines and indents inside tags; only what a browser reads is compared.
const markup = (html: string) => html.replace(/\s+/g, ' ').replaceAll('> <', '><').trim();
const safe = (text: string) => new nunjucks.runtime.SafeString(text);

const cases: Record<string, TableParams> = {
  'a plain table': {
    head: [{ text: 'Action' }, { text: 'Due' }],
    rows: [[{ text: 'Fix the lights' }, { text: '1 April 2026' }]],
  },
  'text that must be escaped, numbers and empty cells': {
    caption: 'Crimes <by> "month" & type',
    head: [{ text: "O'Neil <b>" }, { text: 12 }],
    rows: [
      [{ text: '<script>alert(1)</script>' }, { text: 0 }],
      [{ text: null }, {}],
    ],
  },
  'html cells, marked-safe text, and falsy rows skipped': {
    rows: [
      [{ html: '<a class="govuk-link" href="/x?a=1&amp;b=2">x</a>' }, { text: safe('<strong>kept</strong>') }],
      null,
      [],
      [{ html: '' }],
    ],
  },
  'classes, formats, spans and captions': {
    classes: 'safer-wide "quoted"',
    caption: 'Performance',
    captionClasses: 'govuk-table__caption--m',
    head: [
      { text: 'Indicator', classes: 'govuk-!-width-one-half' },
      { text: 'Value', format: 'numeric', colspan: 2 },
    ],
    rows: [
      [
        { text: 'Burglary', colspan: 1, rowspan: 2 },
        { text: '12', format: 'numeric', classes: 'x' },
      ],
    ],
  },
  'the first cell a header': {
    firstCellIsHeader: true,
    rows: [[{ text: 'Row head', classes: 'h', attributes: { id: 'r1' } }, { text: 'value' }]],
  },
  'attributes of every kind': {
    attributes: {
      'data-qa': 'action-log',
      'aria-hidden': true,
      'data-false': false,
      'data-null': null,
      'data-undefined': undefined,
      'data-number': 3,
      'data-safe': safe('a&amp;b'),
      'data-escaped': 'a & "b"',
      hidden: { value: true, optional: true },
      'data-optional-empty': { value: null, optional: true },
      'data-optional-false': { value: false, optional: true },
      'data-optional-text': { value: 'x<y', optional: true },
      'data-not-optional': { value: null, optional: false },
    },
    head: [{ text: 'A', attributes: 'data-raw="1"' }],
    rows: [[{ text: 'b', attributes: safe(' data-safe-string="2"') }]],
  },
};

describe('tables drawn in code', () => {
  for (const [name, params] of Object.entries(cases)) {
    it(`draw the same markup as GOV.UK's macro: ${name}`, () => {
      assert.equal(markup(String(tableHtml(params))), markup(macro.render({ params })));
    });
  }

  it('are what every data table of a page is drawn with', () => {
    const page = new nunjucks.Template(
      '{% from "partials/table.njk" import dataTable %}{{ dataTable({ caption: "Actions", head: [{ text: "A" }], rows: [[{ text: "<b>" }]] }) }}',
      environment,
      'page.njk',
    ).render({});
    assert.match(page, /<div class="safer-table-wrap" role="region" aria-label="Actions" tabindex="0"><table class="govuk-table">/);
    assert.match(page, /<td class="govuk-table__cell">&lt;b&gt;<\/td>/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { guardCell, toCsv } from './csv.ts';

describe('the CSV formula guard', () => {
  it('leaves numbers as numbers, negative ones too', () => {
    for (const number of ['-6', '-6.5', '-1,234', '-1,234.5', '0', '12', '12.5']) assert.equal(guardCell(number), number);
    assert.equal(toCsv([['Change on last month'], ['-6']]), 'Change on last month\n-6\n');
  });

  it('writes text that starts like a formula as text', () => {
    const attacks = [
      '=HYPERLINK("http://x")',
      '+cmd',
      '@SUM(A1:A2)',
      "-2+3+cmd|' /C calc'!A0",
      '-6 (fewer)',
      '-1,23',
      '-',
      '\t=1',
      '\uFF1D1+1',
      // Spaces before a sign: a spreadsheet that trims them would read a number or a formula from text.
      ' -6',
      ' =1+1',
      '\u00A0+cmd',
    ];
    for (const cell of attacks) assert.equal(guardCell(cell), `'${cell}`, cell);
    const rows: string[][] = parse(toCsv([['=HYPERLINK("http://x")', 'On or near High Street']]), {});
    assert.deepEqual(rows[0], ['\'=HYPERLINK("http://x")', 'On or near High Street']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CsvAllocation, parseSpendCsv, spendCsvHeadings, spendCsvTemplate } from './spendCsv.ts';

// A few of Coventry's 2016/17 allocations, in each state a return can meet.
const allocations: CsvAllocation[] = [
  { id: 'a1', reference: 1, purpose: 'Partnership Support, Development & Contract Monitoring Officer', state: 'released' },
  { id: 'a2', reference: 2, purpose: 'Analytical support and production of assessments', state: 'released' },
  { id: 'a3', reference: 3, purpose: 'Coordination of work for High Risk DVA Victims via MARAC case management', state: 'agreed' },
  { id: 'a4', reference: 4, purpose: 'Work with women offenders and their families - Springboard', state: 'proposed' },
  { id: 'a5', reference: 5, purpose: 'Contribution towards domestic security within DVA services', state: 'withdrawn' },
  { id: 'a15', reference: 15, purpose: 'Local initiative & contingency', state: 'released' },
];

const parse = (text: string) => parseSpendCsv(text, allocations, 2016, 4);

/** The problems as "Line N: message", as a page would show them. */
const problemsOf = (text: string) => parse(text).problems.map((p) => `Line ${p.line}: ${p.message}`);

/** The one problem a file with one bad data row (on line 2) has. */
const onlyProblem = (row: string, header = 'reference,quarter,spent,forecast') => {
  const result = parse(`${header}\n${row}\n`);
  assert.equal(result.fileProblem, null);
  assert.deepEqual(result.rows, []);
  assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
  assert.equal(result.problems[0]!.line, 2);
  return result.problems[0]!.message;
};

/** The row one good line reads as. */
const rowOf = (row: string, header = 'reference,quarter,spent,forecast') => {
  const result = parse(`${header}\n${row}\n`);
  assert.equal(result.fileProblem, null);
  assert.deepEqual(result.problems, []);
  assert.equal(result.rows.length, 1);
  return result.rows[0]!;
};

const quarterOf = (typed: string) => rowOf(`1,"${typed}",100,`).quarter;

describe('reading a CSV of spend', () => {
  it('reads good rows with their allocation, quarter, spend in pence and forecast', () => {
    const result = parse(
      [
        'reference,purpose,quarter,spent,forecast',
        '1,Partnership Support,Q1,"£9,750.00","£39,000"',
        '2,Analytical support,Q1,8000,',
        '15,"Local initiative & contingency",Q1,£0,£4813.50',
      ].join('\n'),
    );
    assert.equal(result.fileProblem, null);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.rows, [
      { line: 2, allocationId: 'a1', quarter: 1, spent: 975000, forecast: 3900000 },
      { line: 3, allocationId: 'a2', quarter: 1, spent: 800000, forecast: null },
      { line: 4, allocationId: 'a15', quarter: 1, spent: 0, forecast: 481350 },
    ]);
  });

  it('offers the headings a template would have', () => {
    assert.deepEqual(spendCsvHeadings, ['reference', 'purpose', 'quarter', 'spent', 'forecast']);
  });

  it('takes the header in any order and case, without the optional columns, and with ones it does not know', () => {
    const result = parse(' Spent ,QUARTER,  Reference ,Notes\n"1,200",Q2,1,Invoice late\n');
    assert.equal(result.fileProblem, null);
    assert.deepEqual(result.rows, [{ line: 2, allocationId: 'a1', quarter: 2, spent: 120000, forecast: null }]);
  });

  it('ignores the purpose: the reference names the allocation', () => {
    assert.equal(rowOf('2,Something else entirely,Q1,100,', 'reference,purpose,quarter,spent,forecast').allocationId, 'a2');
  });

  it('refuses a file whose first line is not a header with reference, quarter and spent', () => {
    const headerProblem = 'The file must have a header row with the columns reference, quarter and spent';
    assert.deepEqual(parse('1,Q1,9750\n2,Q1,8000\n'), { rows: [], problems: [], fileProblem: headerProblem });
    assert.equal(parse('reference,quarter,amount\n1,Q1,9750\n').fileProblem, headerProblem);
    assert.equal(parse('purpose,quarter,spent\nRoad Safety,Q1,9750\n').fileProblem, headerProblem);
  });

  it('refuses a file with no spend in it', () => {
    for (const text of ['', '\n\n', 'reference,quarter,spent\n', 'reference,quarter,spent\r\n\r\n,,\r\n']) {
      assert.deepEqual(parse(text), { rows: [], problems: [], fileProblem: 'The file has no spend in it' }, JSON.stringify(text));
    }
  });

  it('refuses a file that is not text', () => {
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]).toString('utf8');
    assert.deepEqual(parse(binary), {
      rows: [],
      problems: [],
      fileProblem: 'The file must be a CSV file',
    });
    assert.equal(
      parse('reference,quarter,spent\n1,Q1,97\u000050\n').fileProblem,
      'Line 2 of the file has a hidden character in it, perhaps from copying and pasting: type that line again rather than pasting it, and save the file as CSV',
    );
  });

  it('says where a quote mark is not closed', () => {
    const result = parse('reference,purpose,quarter,spent\n1,fine,Q1,9750\n2,"open,Q1,8000\n');
    assert.equal(result.fileProblem, 'The file could not be read: check the quote marks (") in the row that starts on line 3');
  });
});

describe('line numbers', () => {
  it('counts physical lines with a BOM, CRLF, blank lines and a quoted purpose over two lines', () => {
    const text = [
      '\uFEFFreference,purpose,quarter,spent,forecast',
      '',
      '1,"Partnership Support,',
      'Development & Contract Monitoring",Q1,9750,',
      '9,Nothing,Q1,100,',
      '   ',
      '2,Analytical support,Q1,,',
      '15,Contingency,Q1,0,',
    ].join('\r\n');
    const result = parse(text);
    assert.equal(result.fileProblem, null);
    assert.deepEqual(
      result.rows.map((row) => [row.line, row.allocationId]),
      [
        [3, 'a1'],
        [8, 'a15'],
      ],
    );
    assert.deepEqual(problemsOf(text), [
      'Line 5: there is no allocation 9 in 2016/17',
      'Line 7: enter the amount spent in the quarter, or 0 if nothing was spent',
    ]);
  });

  it('counts LF lines and a quoted field over three lines the same way', () => {
    const text = 'reference,purpose,quarter,spent\n\n\n1,"one\ntwo\nthree",Q1,100\n2,x,Q1,lots\n';
    assert.deepEqual(
      parse(text).rows.map((row) => row.line),
      [4],
    );
    assert.deepEqual(problemsOf(text), ['Line 7: spent: "lots" is not an amount of money: write it like £4,813.50']);
  });
});

describe('checking each row', () => {
  it('finds the allocation by its reference in the return’s year', () => {
    assert.equal(rowOf(' 15 ,Q1,100,').allocationId, 'a15');
    assert.equal(rowOf('015,Q1,100,').allocationId, 'a15');
    assert.equal(onlyProblem('19,Q1,100,'), 'there is no allocation 19 in 2016/17');
    assert.equal(
      parseSpendCsv('reference,quarter,spent\n19,Q1,100\n', allocations, 2017, 4).problems[0]?.message,
      'there is no allocation 19 in 2017/18',
    );
    assert.equal(onlyProblem(',Q1,100,'), "enter the allocation's reference, like 3");
    assert.equal(onlyProblem('1.5,Q1,100,'), `"1.5" is not a reference: write the allocation's number, like 3`);
    assert.equal(onlyProblem('Road Safety,Q1,100,'), `"Road Safety" is not a reference: write the allocation's number, like 3`);
  });

  it('takes spend only against released funding', () => {
    const released = 'spend can be returned only against released funding';
    assert.equal(onlyProblem('3,Q1,100,'), `allocation 3 has not been released by the chair yet: ${released}`);
    assert.equal(onlyProblem('4,Q1,100,'), `allocation 4 has not been released by the chair yet: ${released}`);
    assert.equal(onlyProblem('5,Q1,100,'), `allocation 5 has been withdrawn: ${released}`);
  });

  it('reads the quarter however people write it', () => {
    for (const typed of [
      'Q1',
      'q1',
      '1',
      'Quarter 1',
      'quarter  1',
      'Q 1',
      'Q1 2016/17',
      'Q1 2016-17',
      '2016-17 Q1',
      '2016/17 Q1',
      ' Q1 2016/2017 ',
    ]) {
      assert.equal(quarterOf(typed), 1, typed);
    }
    assert.equal(quarterOf('Quarter 4, 2016/17'), 4);
    assert.equal(quarterOf('2016/17 q3'), 3);
    assert.equal(quarterOf('2'), 2);
  });

  it('refuses a quarter of another year, and anything that is not a quarter', () => {
    assert.equal(onlyProblem('1,Q1 2015/16,100,'), '"Q1 2015/16" is not in 2016/17: this return is for 2016/17');
    assert.equal(onlyProblem('1,2017-18 Q4,100,'), '"2017-18 Q4" is not in 2016/17: this return is for 2016/17');
    for (const typed of ['Q5', '0', 'Q1 2016/18', 'April', '2016-17', 'Q1 2016', 'Q12']) {
      assert.equal(onlyProblem(`1,${typed},100,`), `"${typed}" is not a quarter: write it like Q1`, typed);
    }
    assert.equal(onlyProblem('1,,100,'), 'enter the quarter, like Q1');
  });

  it('refuses a quarter that has not begun', () => {
    const { rows, problems } = parseSpendCsv('reference,quarter,spent\n1,Q2,100\n1,Q3,100\n', allocations, 2016, 2);
    assert.deepEqual(
      rows.map((row) => row.quarter),
      [2],
    );
    assert.deepEqual(problems, [{ line: 3, message: 'Q3 2016/17 has not begun yet: its spend cannot be returned' }]);
  });

  it('keeps money in whole pence, with or without £, and refuses fractions of a penny', () => {
    assert.equal(rowOf('1,Q1,"£4,813.50",').spent, 481350);
    assert.equal(rowOf('1,Q1,409728,').spent, 40972800);
    assert.equal(rowOf('1,Q1,£0.07,').spent, 7);
    assert.equal(rowOf('1,Q1,0,').spent, 0);
    assert.equal(rowOf('1,Q1,-0,').spent, 0);
    assert.equal(onlyProblem('1,Q1,£4.505,'), 'spent: "£4.505" has more than 2 decimal places: write pounds and pence, like £4,813.50');
    assert.equal(onlyProblem('1,Q1,$40,'), 'spent: "$40" is not an amount of money: write it like £4,813.50');
  });

  it('asks for the spend rather than taking an empty one as nought', () => {
    assert.equal(onlyProblem('1,Q1, ,'), 'enter the amount spent in the quarter, or 0 if nothing was spent');
  });

  it('refuses spend below nought', () => {
    assert.equal(onlyProblem('1,Q1,-£12,'), 'spend cannot be less than £0: enter a refund as a lower figure for the quarter');
  });

  it('takes a forecast for the whole year when there is one, and none as “as allocated”', () => {
    assert.equal(rowOf('1,Q2,100,"£38,500"').forecast, 3850000);
    assert.equal(rowOf('1,Q2,100,  ').forecast, null);
    assert.equal(rowOf('1,Q2,100', 'reference,quarter,spent').forecast, null);
    assert.equal(onlyProblem('1,Q2,100,soon'), 'forecast: "soon" is not an amount of money: write it like £4,813.50');
    assert.equal(onlyProblem('1,Q2,100,-1'), 'the forecast cannot be less than £0: enter the spend expected for the whole year');
  });

  it('refuses the same allocation and quarter twice, however the quarter is written', () => {
    const text = ['reference,quarter,spent', '1,Q1,100', '2,Q1,100', '1,Q2,100', '01,Quarter 1,150', '2,Q1 2016/17,100'].join('\n');
    assert.deepEqual(problemsOf(text), [
      'Line 5: allocation 1 for Q1 is already on line 2',
      'Line 6: allocation 2 for Q1 is already on line 3',
    ]);
    assert.deepEqual(
      parse(text).rows.map((row) => row.line),
      [2, 3, 4],
    );
  });

  it('refuses a row with the wrong number of columns and still reads the rest', () => {
    const text = ['reference,quarter,spent,forecast', '1,Q1,100,', '2,Q1,1,200,', '15,Q1', '15,Q2,50,'].join('\n');
    assert.deepEqual(problemsOf(text), [
      'Line 3: this row has 5 columns but the header has 4',
      'Line 4: this row has 2 columns but the header has 4',
    ]);
    assert.deepEqual(
      parse(text).rows.map((row) => [row.allocationId, row.quarter]),
      [
        ['a1', 1],
        ['a15', 2],
      ],
    );
  });

  it('gives every problem a row has, and keeps the good rows of a file with bad ones', () => {
    const text = ['reference,quarter,spent,forecast', '1,Q1,100,', '3,Q5,lots,-1', '2,Q1,100,'].join('\n');
    assert.deepEqual(problemsOf(text), [
      'Line 3: allocation 3 has not been released by the chair yet: spend can be returned only against released funding',
      'Line 3: "Q5" is not a quarter: write it like Q1',
      'Line 3: spent: "lots" is not an amount of money: write it like £4,813.50',
      'Line 3: the forecast cannot be less than £0: enter the spend expected for the whole year',
    ]);
    assert.deepEqual(
      parse(text).rows.map((row) => row.line),
      [2, 4],
    );
  });
});

describe('a template to fill in', () => {
  it('has the header and a row for each released allocation, by reference, for the quarter asked for', () => {
    const shuffled = [allocations[5]!, ...allocations.slice(0, 5)];
    assert.deepEqual(spendCsvTemplate(shuffled, 2, 2016), [
      ['reference', 'purpose', 'quarter', 'spent', 'forecast'],
      ['1', 'Partnership Support, Development & Contract Monitoring Officer', 'Q2 2016/17', '', ''],
      ['2', 'Analytical support and production of assessments', 'Q2 2016/17', '', ''],
      ['15', 'Local initiative & contingency', 'Q2 2016/17', '', ''],
    ]);
  });

  it('reads back once the spend is filled in', () => {
    const [header, ...rows] = spendCsvTemplate(allocations, 3, 2016);
    const quote = (field: string) => `"${field.replace(/"/g, '""')}"`;
    const text = [header!, ...rows.map((row, index) => [...row.slice(0, 3), String(index * 100), ''])]
      .map((row) => row.map(quote).join(','))
      .join('\r\n');
    assert.deepEqual(parse(text), {
      rows: [
        { line: 2, allocationId: 'a1', quarter: 3, spent: 0, forecast: null },
        { line: 3, allocationId: 'a2', quarter: 3, spent: 10000, forecast: null },
        { line: 4, allocationId: 'a15', quarter: 3, spent: 20000, forecast: null },
      ],
      problems: [],
      fileProblem: null,
    });
  });
});

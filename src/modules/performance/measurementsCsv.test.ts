import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CsvIndicator, measurementsCsvHeadings, parseMeasurementsCsv, readGroupTable } from './measurementsCsv.ts';

// Coventry's indicators from the 2015/16 end of year report, one of each frequency and unit that matters.
const indicators: CsvIndicator[] = [
  { id: 'sarc', name: 'Sexual Assault Referral Centre clients seen', frequency: 'quarterly', unit: 'count', figuresFrom: 'typed_in' },
  { id: 'repeat', name: 'Repeat victim rate', frequency: 'yearly', unit: 'percentage', figuresFrom: 'typed_in' },
  { id: 'crime', name: 'Total recorded crime', frequency: 'monthly', unit: 'count', figuresFrom: 'typed_in' },
  { id: 'spend', name: 'Spend on target hardening', frequency: 'quarterly', unit: 'money', figuresFrom: 'typed_in' },
  { id: 'rate', name: 'Crimes per 1,000 population', frequency: 'yearly', unit: 'rate_per_1000', figuresFrom: 'typed_in' },
];

const parse = (text: string) => parseMeasurementsCsv(text, indicators);

/** The problems as "Line N: message", as a page would show them. */
const problemsOf = (text: string) => parse(text).problems.map((p) => `Line ${p.line}: ${p.message}`);

/** The one problem a file with one bad data row (on line 2) has. */
const onlyProblem = (row: string, header = 'indicator,period,value') => {
  const result = parse(`${header}\n${row}\n`);
  assert.equal(result.fileProblem, null);
  assert.deepEqual(result.rows, []);
  assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
  assert.equal(result.problems[0]!.line, 2);
  return result.problems[0]!.message;
};

/** The value one good row reads as. */
const valueOf = (indicator: string, period: string, value: string) => {
  const result = parse(`indicator,period,value\n"${indicator}",${period},"${value}"\n`);
  assert.deepEqual(result.problems, []);
  return result.rows[0]?.value;
};

describe('reading a CSV of measurements', () => {
  it('reads good rows with their indicator, period key, value, status and note', () => {
    const result = parse(
      [
        'indicator,period,value,status,note',
        'Sexual Assault Referral Centre clients seen,2015-16 Q4,110,confirmed,Coventry & Warwickshire',
        'Repeat victim rate,2015-16,9.3%,,',
        'Total recorded crime,2016-03,"1,832",Provisional,',
      ].join('\n'),
    );
    assert.equal(result.fileProblem, null);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.rows, [
      { line: 2, indicatorId: 'sarc', period: '2015-16 Q4', value: 110, status: 'confirmed', note: 'Coventry & Warwickshire' },
      { line: 3, indicatorId: 'repeat', period: '2015-16', value: 9.3, status: 'provisional', note: null },
      { line: 4, indicatorId: 'crime', period: '2016-03', value: 1832, status: 'provisional', note: null },
    ]);
  });

  it('offers the headings a template would have', () => {
    assert.deepEqual(measurementsCsvHeadings, ['indicator', 'period', 'value', 'status', 'note']);
  });

  it('takes the header in any order and case, with extra spaces and columns it does not know', () => {
    const result = parse(' Value ,PERIOD,  Indicator ,Owner\n110,2015-16 Q4,Sexual Assault Referral Centre clients seen,Police\n');
    assert.equal(result.fileProblem, null);
    assert.deepEqual(
      result.rows.map((row) => [row.indicatorId, row.period, row.value, row.status]),
      [['sarc', '2015-16 Q4', 110, 'provisional']],
    );
  });

  it('refuses a file whose first line is not a header with indicator, period and value', () => {
    const headerProblem = 'The file must have a header row with the columns indicator, period and value';
    assert.deepEqual(parse('Total recorded crime,2016-03,1832\nTotal recorded crime,2016-02,1790\n'), {
      rows: [],
      problems: [],
      fileProblem: headerProblem,
    });
    assert.equal(parse('indicator,month,value\nTotal recorded crime,2016-03,1832\n').fileProblem, headerProblem);
  });

  it('refuses a file with no measurements in it', () => {
    for (const text of ['', '\n\n', 'indicator,period,value\n', 'indicator,period,value\r\n\r\n,,\r\n']) {
      assert.deepEqual(parse(text), { rows: [], problems: [], fileProblem: 'The file has no measurements in it' }, JSON.stringify(text));
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
      parse('indicator,period,value\nTotal recorded crime,2016-03,18\u000032\n').fileProblem,
      'Line 2 of the file has a hidden character in it, perhaps from copying and pasting: type that line again rather than pasting it, and save the file as CSV',
    );
    // A bidirectional override would make a row read differently from what it holds.
    assert.equal(
      parse('indicator,period,value,note\nTotal recorded crime,2016-03,1832,a\u2066b\u2069\n').fileProblem,
      'Line 2 of the file has a hidden character in it, perhaps from copying and pasting: type that line again rather than pasting it, and save the file as CSV',
    );
    // Tabs are text.
    assert.equal(parse('indicator,period,value,note\nTotal recorded crime,2016-03,1832,a\tb\n').fileProblem, null);
  });

  it('says where a quote mark is not closed rather than failing without a word', () => {
    const result = parse('indicator,period,value,note\nTotal recorded crime,2016-03,1832,fine\nTotal recorded crime,2016-02,1790,"open\n');
    assert.equal(result.fileProblem, 'The file could not be read: check the quote marks (") in the row that starts on line 3');
  });

  it('reads a quoted field with commas, and a quote inside a value', () => {
    const result = parse(
      'indicator,period,value,note\n"Total recorded crime",2016-03,"1,832","Burglary, violence and ""other"" offences"\n',
    );
    assert.deepEqual(result.rows[0]?.note, 'Burglary, violence and "other" offences');
    assert.equal(result.rows[0]?.value, 1832);
  });
});

describe('line numbers', () => {
  it('counts physical lines with a BOM, CRLF, blank lines and a quoted note over two lines', () => {
    const text = [
      '\uFEFFindicator,period,value,status,note',
      '',
      'Total recorded crime,2016-01,1750,,"Night time economy',
      'violence up"',
      'Burglary,2016-02,1790,,',
      '   ',
      'Total recorded crime,2016-03,,,',
      'Total recorded crime,2016-02,1790,confirmed,',
    ].join('\r\n');
    const result = parse(text);
    assert.equal(result.fileProblem, null);
    assert.deepEqual(
      result.rows.map((row) => [row.line, row.period, row.note]),
      [
        [3, '2016-01', 'Night time economy\r\nviolence up'],
        [8, '2016-02', null],
      ],
    );
    assert.deepEqual(
      result.problems.map((p) => p.line),
      [5, 7],
    );
  });

  it('counts LF lines and a quoted field over three lines the same way', () => {
    const text = 'indicator,period,value,note\n\n\nRepeat victim rate,2014-15,10.5%,"one\ntwo\nthree"\nRepeat victim rate,2015-16,x,\n';
    const result = parse(text);
    assert.deepEqual(
      result.rows.map((row) => row.line),
      [4],
    );
    assert.deepEqual(problemsOf(text), ['Line 7: "x" is not a number: write it like 9.3%']);
  });
});

describe('checking each row', () => {
  it('matches the indicator by name, whatever its case and spaces', () => {
    assert.equal(valueOf('  total RECORDED   crime ', '2016-03', '1832'), 1832);
    assert.equal(onlyProblem('Burglary,2016-03,1832'), 'there is no indicator called "Burglary"');
    assert.equal(onlyProblem(',2016-03,1832'), "enter the indicator's name");
  });

  it('reads the period for the indicator’s frequency, and shows the right way to write it', () => {
    assert.equal(
      parse('indicator,period,value\nSexual Assault Referral Centre clients seen,2015/16 q4,110\n').rows[0]?.period,
      '2015-16 Q4',
    );
    assert.equal(
      onlyProblem('Sexual Assault Referral Centre clients seen,Q5 2015-16,110'),
      '"Q5 2015-16" is not a quarter: write it like 2015-16 Q4',
    );
    assert.equal(onlyProblem('Repeat victim rate,2015-16 Q4,9.3%'), '"2015-16 Q4" is not a year: write it like 2015-16');
    assert.equal(onlyProblem('Total recorded crime,2015-16,1832'), '"2015-16" is not a month: write it like 2016-03');
    assert.equal(onlyProblem('Total recorded crime,,1832'), 'enter the period, like 2016-03');
  });

  it('reads numbers with thousands separators, and percentages with or without %', () => {
    assert.equal(valueOf('Total recorded crime', '2016-03', '1,832'), 1832);
    assert.equal(valueOf('Total recorded crime', '2016-03', '21,967'), 21967);
    assert.equal(valueOf('Repeat victim rate', '2015-16', '9.3%'), 9.3);
    assert.equal(valueOf('Repeat victim rate', '2015-16', '10.5'), 10.5);
    assert.equal(valueOf('Crimes per 1,000 population', '2015-16', '62.176'), 62.176);
    assert.equal(onlyProblem('Total recorded crime,2016-03,"18,32"'), '"18,32" is not a number: write it like 1,832');
    assert.equal(onlyProblem('Total recorded crime,2016-03,9.3%'), '"9.3%" is not a number: write it like 1,832');
    assert.equal(onlyProblem('"Crimes per 1,000 population",2015-16,62.1%'), '"62.1%" is not a number: write it like 62.176');
  });

  it('keeps money in whole pence, with or without £, and refuses fractions of a penny', () => {
    assert.equal(valueOf('Spend on target hardening', '2015-16 Q4', '£4,813.50'), 481350);
    assert.equal(valueOf('Spend on target hardening', '2015-16 Q4', '409728'), 40972800);
    assert.equal(valueOf('Spend on target hardening', '2015-16 Q4', '£0.07'), 7);
    assert.equal(valueOf('Spend on target hardening', '2015-16 Q4', '£82,750.1'), 8275010);
    assert.equal(
      onlyProblem('Spend on target hardening,2015-16 Q4,£4.505'),
      '"£4.505" has more than 2 decimal places: write pounds and pence, like £4,813.50',
    );
    assert.equal(onlyProblem('Spend on target hardening,2015-16 Q4,$40'), '"$40" is not an amount of money: write it like £4,813.50');
    assert.equal(onlyProblem('Total recorded crime,2016-03,£40'), '"£40" is not a number: write it like 1,832');
  });

  it('takes only whole counts that are not negative', () => {
    assert.equal(onlyProblem('Total recorded crime,2016-03,1832.5'), '"1832.5" is not a whole number: a count cannot have a fraction');
    assert.equal(onlyProblem('Total recorded crime,2016-03,-201'), '"-201" is less than zero: a count cannot be negative');
    assert.equal(valueOf('Total recorded crime', '2016-03', '0'), 0);
  });

  it('asks for a value rather than taking an empty one as nought', () => {
    assert.equal(onlyProblem('Total recorded crime,2016-03,  '), 'enter a value (leave the row out if there is no figure)');
  });

  it('takes provisional or confirmed as the status, provisional when blank', () => {
    const statuses = parse(
      'indicator,period,value,status\nTotal recorded crime,2016-01,1,CONFIRMED\nTotal recorded crime,2016-02,2, provisional \nTotal recorded crime,2016-03,3,\n',
    ).rows.map((row) => row.status);
    assert.deepEqual(statuses, ['confirmed', 'provisional', 'provisional']);
    assert.equal(
      onlyProblem('Total recorded crime,2016-03,1832,final', 'indicator,period,value,status'),
      '"final" is not a status: write provisional or confirmed',
    );
  });

  it('keeps a note of up to 500 characters', () => {
    const header = 'indicator,period,value,note';
    const longest = 'a'.repeat(500);
    assert.equal(parse(`${header}\nTotal recorded crime,2016-03,1832,${longest}\n`).rows[0]?.note, longest);
    assert.equal(
      onlyProblem(`Total recorded crime,2016-03,1832,${longest}b`, header),
      'the note must be 500 characters or fewer (it has 501)',
    );
  });

  it('refuses the same indicator and period twice, however the period is written', () => {
    const text = [
      'indicator,period,value',
      'Sexual Assault Referral Centre clients seen,2015-16 Q3,127',
      'Sexual Assault Referral Centre clients seen,2015-16 Q4,110',
      'Sexual Assault Referral Centre clients seen,Q4 2015/16,111',
      'Total recorded crime,2016-03,1832',
    ].join('\n');
    const result = parse(text);
    assert.deepEqual(problemsOf(text), ['Line 4: Sexual Assault Referral Centre clients seen for Quarter 4, 2015/16 is already on line 3']);
    assert.deepEqual(
      result.rows.map((row) => row.line),
      [2, 3, 5],
    );
  });

  it('refuses a row with the wrong number of columns and still reads the rest', () => {
    const text = [
      'indicator,period,value,status',
      'Total recorded crime,2016-01,1750,confirmed',
      'Total recorded crime,2016-02,1,790,confirmed',
      'Total recorded crime,2016-03',
      'Total recorded crime,2016-04,1900,provisional',
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      'Line 3: this row has 5 columns but the header has 4',
      'Line 4: this row has 2 columns but the header has 4',
    ]);
    assert.deepEqual(
      parse(text).rows.map((row) => row.period),
      ['2016-01', '2016-04'],
    );
  });

  it('gives every problem a row has, and keeps the good rows of a file with bad ones', () => {
    const text = [
      'indicator,period,value,status',
      'Repeat victim rate,2015-16,9.3%,confirmed',
      'Repeat victim rate,2015,lots,final',
      'Hate crime,2015-16,527,',
    ].join('\n');
    const result = parse(text);
    assert.deepEqual(problemsOf(text), [
      'Line 3: "2015" is not a year: write it like 2015-16',
      'Line 3: "lots" is not a number: write it like 9.3%',
      'Line 3: "final" is not a status: write provisional or confirmed',
      'Line 4: there is no indicator called "Hate crime"',
    ]);
    assert.deepEqual(
      result.rows.map((row) => [row.line, row.value]),
      [[2, 9.3]],
    );
  });
});

describe('a Most Similar Group table, typed or pasted', () => {
  it('reads names with commas, figures with thousands separators, tabs, and members without a figure', () => {
    const table = readGroupTable(
      [
        'West Midlands - Coventry, 62.176',
        'Bristol, City of, 100.711',
        'Salford, 2,004',
        'Hertfordshire - Stevenage,',
        'Luton\t83.1',
        'Bolton',
      ].join('\n'),
      'rate_per_1000',
    );
    assert.deepEqual(table, {
      members: [
        { name: 'West Midlands - Coventry', value: 62.176 },
        { name: 'Bristol, City of', value: 100.711 },
        { name: 'Salford', value: 2004 },
        { name: 'Hertfordshire - Stevenage', value: null },
        { name: 'Luton', value: 83.1 },
        { name: 'Bolton', value: null },
      ],
    });
  });

  it('says which line cannot be read', () => {
    assert.deepEqual(readGroupTable('Coventry, 62.176\nSalford, lots', 'rate_per_1000'), {
      problem: 'Line 2 of the list: "lots" is not a number: write it like 62.176',
    });
    assert.deepEqual(readGroupTable('Coventry, 62.176\n, 5', 'rate_per_1000'), { problem: 'Line 2 of the list has no name' });
  });
});

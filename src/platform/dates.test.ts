import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { todayInEngland } from './clock.ts';
import {
  describeWhen,
  englandTimeToUtc,
  formatDate,
  monthNames,
  readDateParts,
  readDateText,
  readMonth,
  readTime,
  readYear,
} from './dates.ts';
import { isRealDate } from './inputs.ts';

const label = 'date of the meeting';

/** A real date from 1980 to 2079, the span a two-digit year reaches, as YYYY-MM-DD. */
const realDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2079-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** Text as people vary it: any case, spaces around it. */
const asTyped = (text: string) =>
  fc
    .tuple(fc.constantFrom('', ' ', '  '), fc.constantFrom('', ' ', '\t'), fc.constantFrom('lower', 'upper', 'as is'))
    .map(([before, after, letterCase]) => {
      const cased = letterCase === 'lower' ? text.toLowerCase() : letterCase === 'upper' ? text.toUpperCase() : text;
      return `${before}${cased}${after}`;
    });

/** The ways a date's three boxes are filled in for one date. */
function typedBoxes(iso: string) {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
  const name = monthNames[month - 1] ?? '';
  const months = [String(month), String(month).padStart(2, '0'), name, name.slice(0, 3), ...(month === 9 ? ['Sept', 'Sept.'] : [])];
  const years = [String(year), String(year).slice(2)];
  return fc
    .tuple(fc.constantFrom(String(day), String(day).padStart(2, '0')), fc.constantFrom(...months), fc.constantFrom(...years))
    .chain(([d, m, y]) => fc.tuple(asTyped(d), asTyped(m), asTyped(y)))
    .map(([d, m, y]) => ({ day: d, month: m, year: y }));
}

describe('reading a date as people type it', () => {
  it('reads every way of filling in the boxes for a real date as that date', () => {
    fc.assert(
      fc.property(
        realDate.chain((iso) => fc.tuple(fc.constant(iso), typedBoxes(iso))),
        ([iso, typed]) => {
          assert.deepEqual(readDateParts(typed, label), { date: iso });
        },
      ),
    );
  });

  it('reads a date written in one box as Safer writes it, or with slashes, as that date', () => {
    fc.assert(
      fc.property(realDate, fc.constantFrom('govuk', 'slashes', 'iso', 'weekday'), (iso, style) => {
        const [year, month, day] = iso.split('-');
        const weekday = new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
        const typed = {
          govuk: formatDate(iso),
          slashes: `${day}/${month}/${year?.slice(2)}`,
          iso,
          weekday: `${weekday} ${formatDate(iso)}`,
        }[style];
        assert.deepEqual(readDateText(typed, label), { date: iso });
      }),
    );
  });

  it('gives a real date or a message about the field, for anything typed, and never throws', () => {
    const box = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -5, max: 3000 }).map(String),
      fc.constantFrom('jan', 'Sept', 'feb.'),
    );
    fc.assert(
      fc.property(box, box, box, (day, month, year) => {
        const read = readDateParts({ day, month, year }, label);
        if (read === null) assert.equal(`${day}${month}${year}`.trim(), '');
        else if ('date' in read) assert.ok(isRealDate(read.date), read.date);
        else {
          assert.match(read.problem, /date of the meeting/);
          assert.ok(read.parts.length > 0);
        }
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (typed) => {
        const read = readDateText(typed, label);
        assert.ok(read === null || ('date' in read ? isRealDate(read.date) : /date of the meeting/.test(read.problem)));
      }),
    );
  });

  it('takes month names and abbreviations, and two-digit years from 1980 to 2079', () => {
    assert.equal(readMonth('jan'), 1);
    assert.equal(readMonth('January'), 1);
    assert.equal(readMonth('Sept'), 9);
    assert.equal(readMonth(' DEC. '), 12);
    assert.equal(readMonth('13'), null);
    assert.equal(readMonth('Janu'), null);
    assert.equal(readYear('27'), 2027);
    assert.equal(readYear('79'), 2079);
    assert.equal(readYear('98'), 1998);
    assert.equal(readYear('202'), null);
    assert.deepEqual(readDateParts({ day: '1', month: 'jan', year: '27' }, label), { date: '2027-01-01' });
  });

  it('names only the boxes that are wrong, in GOV.UK’s words', () => {
    const read = (day: string, month: string, year: string) => readDateParts({ day, month, year }, label);
    assert.deepEqual(read('', 'jan', '2027'), { problem: 'The date of the meeting must include a day', parts: ['day'] });
    assert.deepEqual(read('1', '', ''), { problem: 'The date of the meeting must include a month and year', parts: ['month', 'year'] });
    assert.deepEqual(read('1', 'Janvier', '2027'), { problem: 'The date of the meeting must be a real date', parts: ['month'] });
    assert.deepEqual(read('29', 'feb', '2027'), { problem: 'The date of the meeting must be a real date', parts: ['day'] });
    assert.deepEqual(read('29', 'feb', '2028'), { date: '2028-02-29' });
    assert.deepEqual(read('1', '1', '202'), {
      problem: 'The date of the meeting must have its year as 4 numbers, like 2027',
      parts: ['year'],
    });
    // A year the records cannot hold is a slip of typing, not a date in 26 AD or 1969.
    for (const year of ['0000', '0026', '1969', '1989', '2101']) {
      assert.deepEqual(read('5', '3', year), { problem: 'The date of the meeting must be between 1990 and 2100', parts: ['year'] }, year);
    }
    assert.deepEqual(read('1', '1', '1990'), { date: '1990-01-01' });
    assert.deepEqual(read('31', '12', '2100'), { date: '2100-12-31' });
    assert.equal(read('', '', ''), null);
    assert.deepEqual(readDateText('11/23/2026', '‘from’ date'), {
      problem: 'Enter the ‘from’ date as a real date, like 23 11 2026 or 23 Nov 2026',
      parts: ['day', 'month', 'year'],
    });
  });
});

describe('reading a time as people type it', () => {
  const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }));
  const hhmm = (hour: number, minute: number) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

  it('reads the 24-hour clock with a colon, a dot or nothing between, as that time', () => {
    fc.assert(
      fc.property(time, fc.constantFrom(':', '.', ''), fc.boolean(), ([hour, minute], separator, padded) => {
        const typed = `${padded ? String(hour).padStart(2, '0') : hour}${separator}${String(minute).padStart(2, '0')}`;
        assert.deepEqual(readTime(` ${typed} `, 'start time'), { time: hhmm(hour, minute) });
      }),
    );
  });

  it('reads the 12-hour clock with am or pm, however written, as that time', () => {
    fc.assert(
      fc.property(time, fc.constantFrom('am', 'pm', ' AM', ' p.m.', 'Pm'), fc.constantFrom(':', '.'), ([hour, minute], half, separator) => {
        const afternoon = /p/i.test(half);
        const twelveHour = hour % 12 || 12;
        const typed = `${twelveHour}${minute === 0 ? '' : `${separator}${String(minute).padStart(2, '0')}`}${half}`;
        const expected = (hour % 12) + (afternoon ? 12 : 0);
        assert.deepEqual(readTime(typed, 'start time'), { time: hhmm(expected, minute) });
      }),
    );
  });

  it('gives a time on the 24-hour clock or says what to type, for anything typed, and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 10 }), fc.stringMatching(/^\d{1,5}[:.]?\d{0,3}\s?(am|pm)?$/)), (typed) => {
        const read = readTime(typed, 'start time');
        if (read === null) assert.equal(typed.trim(), '');
        else if ('time' in read) assert.match(read.time, /^([01]\d|2[0-3]):[0-5]\d$/);
        else assert.match(read.problem, /^Enter the start time .*(10am or 14:30|am or .*pm)/);
      }),
    );
  });

  it('takes the examples people type, and asks for am or pm where an hour alone could be either', () => {
    const read = (typed: string) => readTime(typed, 'start time');
    for (const [typed, expected] of [
      ['10am', '10:00'],
      ['10:00', '10:00'],
      ['1030', '10:30'],
      ['10.30', '10:30'],
      ['2pm', '14:00'],
      ['14:00', '14:00'],
      ['noon', '12:00'],
      ['Midday', '12:00'],
      ['12am', '00:00'],
      ['14', '14:00'],
    ] as const) {
      assert.deepEqual(read(typed), { time: expected }, typed);
    }
    assert.deepEqual(read('10'), { problem: 'Enter the start time with am or pm, for example 10am or 10pm, or as 10:00' });
    for (const typed of ['ten', '13pm', '25:00', '10:60', '10:5', '.', ' .. ', '__proto__']) {
      assert.deepEqual(read(typed), { problem: 'Enter the start time as, for example, 10am or 14:30' }, typed);
    }
    assert.equal(read('  '), null);
  });
});

describe('dates on every page', () => {
  it('are written without making a date formatter for each one, which costs far more than using one', (t) => {
    const Original = Intl.DateTimeFormat;
    let made = 0;
    t.mock.method(Intl, 'DateTimeFormat', function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      made++;
      return new Original(...args);
    });
    const summerNight = { now: () => new Date('2026-07-01T23:30:00Z') };
    for (let i = 0; i < 20; i++) {
      assert.equal(todayInEngland(summerNight), '2026-07-02');
      assert.equal(englandTimeToUtc('2026-07-02', '00:30').toISOString(), '2026-07-01T23:30:00.000Z');
      assert.equal(describeWhen('2026-04-09', '10:00'), 'Thursday 9 April 2026 at 10:00');
    }
    assert.equal(made, 0);
  });

  it('name the weekday of every day of a week', () => {
    const week = ['2026-04-05', '2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10', '2026-04-11'];
    assert.deepEqual(
      week.map((day) => describeWhen(day, '09:30').split(' ')[0]),
      ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    );
  });
});

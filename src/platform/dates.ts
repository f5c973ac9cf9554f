/** Dates as GOV.UK writes them. */
import { todayInEngland } from './clock.ts';
import { listed } from './wording.ts';

export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A month (YYYY-MM) as GOV.UK writes it: "December 2025". */
export function monthName(month: string): string {
  return `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** GOV.UK style: 1 April 2016. Accepts YYYY-MM-DD or a full ISO timestamp. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return value;
  return `${day} ${monthNames[month - 1]} ${year}`;
}

const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** "Thursday 9 April 2026 at 10:00" */
export function describeWhen(date: string, time: string): string {
  const weekday = weekdayNames[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
  return `${weekday} ${formatDate(date)} at ${time}`;
}

// Built once, as making a formatter costs far more than using one.
const englandClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The instant of a date and time on the clock in England (GMT or BST). */
export function englandTimeToUtc(date: string, time: string): Date {
  const asIfUtc = new Date(`${date}T${time}:00Z`);
  const parts = Object.fromEntries(englandClock.formatToParts(asIfUtc).map((part) => [part.type, part.value]));
  const inEngland = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(asIfUtc.getTime() - (inEngland - asIfUtc.getTime()));
}

/** The 1 April that starts the financial year a date falls in (YYYY-MM-DD). */
export function financialYearStart(today: string): string {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '04-01' ? `${year}-04-01` : `${year - 1}-04-01`;
}

/** A financial year by the year it starts in, as the documents write it: 2016 is 2016/17. */
export function financialYearName(yearStarting: number): string {
  return `${yearStarting}/${String((yearStarting + 1) % 100).padStart(2, '0')}`;
}

/**
 * The day in England of a moment stored as a UTC timestamp, written out ("21 April 2016"): late on a summer
 * evening it is already the next day. Null for no moment, or one that is not a date.
 */
export function formatDayOf(at: string | null): string | null {
  const when = at ? new Date(at) : null;
  return when && !Number.isNaN(when.getTime()) ? formatDate(todayInEngland({ now: () => when })) : null;
}

/** A box of a GOV.UK date input. */
export type DatePart = 'day' | 'month' | 'year';

/** A date as typed into a GOV.UK date input: its three boxes, each as typed. */
export interface TypedDate {
  day: string;
  month: string;
  year: string;
}

/** A date read as YYYY-MM-DD, or what is wrong with it and which boxes to highlight (GOV.UK's date input pattern). */
export type DateReading = { date: string } | { problem: string; parts: DatePart[] };

const monthsByName = new Map<string, number>(
  monthNames.flatMap((name, index) => {
    const lower = name.toLowerCase();
    // "Sept" as well as "Sep": both are how people shorten September.
    return [lower, lower.slice(0, 3), ...(lower === 'september' ? ['sept'] : [])].map((key) => [key, index + 1] as const);
  }),
);

/** A month as typed: 1 to 12, or its name or abbreviation in any case ("jan", "January", "Sept."); null otherwise. */
export function readMonth(typed: string): number | null {
  const text = typed.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(text)) {
    const month = Number(text);
    return month >= 1 && month <= 12 ? month : null;
  }
  return monthsByName.get(text) ?? null;
}

/**
 * A year as typed: four digits, or two for this century and the end of the last one — 00 to 79 are 2000 to 2079,
 * 80 to 99 are 1980 to 1999 (the partnerships' records begin in 1998). Null for anything else.
 */
export function readYear(typed: string): number | null {
  const text = typed.trim();
  if (/^\d{4}$/.test(text)) return Number(text);
  if (!/^\d{2}$/.test(text)) return null;
  const twoDigits = Number(text);
  return twoDigits < 80 ? 2000 + twoDigits : 1900 + twoDigits;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The years a typed date may fall in. The partnerships' records begin in 1998: a year outside these is a slip of
 * typing ("0026", "1969"), which calendars could not carry either.
 */
export const typedYears = { earliest: 1990, latest: 2100 } as const;

/**
 * A GOV.UK date input's three boxes as people fill them in ("25", "dec", "26"), read as YYYY-MM-DD, or a message
 * about the `label` ("date of the meeting") naming only the wrong boxes. Null when nothing is typed.
 */
export function readDateParts(typed: TypedDate, label: string): DateReading | null {
  const day = typed.day.trim();
  const month = typed.month.trim();
  const year = typed.year.trim();
  if (!day && !month && !year) return null;
  // A whole date typed or pasted into the day box alone.
  if (day && !month && !year && /\D\d|[a-z]/i.test(day)) {
    const whole = readDateText(day, label);
    if (whole && 'date' in whole) return whole;
  }
  const missing = (['day', 'month', 'year'] as const).filter((part) => !{ day, month, year }[part]);
  if (missing.length) return { problem: `The ${label} must include a ${listed(missing)}`, parts: missing };
  const realDate = `The ${label} must be a real date`;
  const monthNumber = readMonth(month);
  const yearNumber = readYear(year);
  const dayNumber = /^\d{1,2}$/.test(day.replace(/(st|nd|rd|th)$/i, '')) ? Number(day.replace(/\D/g, '')) : null;
  const wrong: DatePart[] = [];
  if (dayNumber === null || dayNumber < 1 || dayNumber > 31) wrong.push('day');
  if (monthNumber === null) wrong.push('month');
  if (yearNumber === null) wrong.push('year');
  if (wrong.length === 1 && wrong[0] === 'year') {
    return { problem: `The ${label} must have its year as 4 numbers, like 2027`, parts: ['year'] };
  }
  if (wrong.length) return { problem: realDate, parts: wrong };
  if (!dayNumber || !monthNumber || yearNumber === null) return { problem: realDate, parts: ['day', 'month', 'year'] };
  if (yearNumber < typedYears.earliest || yearNumber > typedYears.latest) {
    return { problem: `The ${label} must be between ${typedYears.earliest} and ${typedYears.latest}`, parts: ['year'] };
  }
  // 31 June, 29 February 2027: the day is the box that is wrong.
  if (dayNumber > daysIn(yearNumber, monthNumber)) return { problem: realDate, parts: ['day'] };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${String(yearNumber).padStart(4, '0')}-${pad(monthNumber)}-${pad(dayNumber)}` };
}

const weekdayName = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?\b,?\s*/i;

/**
 * A date typed into one text box, as people write it: "23/11/2026", "23 Nov 26", "23rd November 2026",
 * "November 23, 2026", "2026-11-23" or as Safer writes it, "Monday 23 November 2026". Day before month unless the
 * month is a name; never month before day in figures (11/12 is 11 December). Null when nothing is typed.
 */
export function readDateText(typed: string, label: string): DateReading | null {
  const text = typed.trim().replace(weekdayName, '');
  if (!text) return null;
  const tokens = text.split(/[\s/.,-]+/).filter(Boolean);
  const [first = '', second = '', third = ''] = tokens;
  const order: DatePart[] = /^\d{4}$/.test(first)
    ? ['year', 'month', 'day']
    : /^[a-z]/i.test(first) && /^\d/.test(second)
      ? ['month', 'day', 'year']
      : ['day', 'month', 'year'];
  const typedAs = (part: DatePart) => [first, second, third][order.indexOf(part)] ?? '';
  const read = tokens.length === 3 ? readDateParts({ day: typedAs('day'), month: typedAs('month'), year: typedAs('year') }, label) : null;
  if (read && 'date' in read) return read;
  return { problem: `Enter the ${label} as a real date, like 23 11 2026 or 23 Nov 2026`, parts: ['day', 'month', 'year'] };
}

/**
 * A time as people type it ("10am", "10.30am", "2 pm", "noon", "10:00", "1030", "14"), read as HH:MM on the
 * 24-hour clock, or a message about the `label` ("start time") that says what to type. Null when nothing is typed.
 * An hour of 12 or less with neither minutes nor am or pm is refused: "10" could be morning or evening.
 */
export function readTime(typed: string, label: string): { time: string } | { problem: string } | null {
  // Blank is judged before dots are dropped: a box holding only "." was typed in, so it gets a message.
  if (!typed.trim()) return null;
  const text = typed
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\./g, (dot, at: number, whole: string) =>
      // Dots in "a.m." go; a dot between hours and minutes ("10.30") is a separator.
      /\d/.test(whole[at - 1] ?? '') && /\d/.test(whole[at + 1] ?? '') ? ':' : '',
    );
  const named = new Map([
    ['noon', '12:00'],
    ['midday', '12:00'],
    ['12noon', '12:00'],
    ['midnight', '00:00'],
  ]);
  const time = named.get(text);
  if (time) return { time };
  const example = `Enter the ${label} as, for example, 10am or 14:30`;
  const match = /^(\d{1,2})(?::?(\d{2}))?(am|pm)?$/.exec(text);
  if (!match) return { problem: example };
  const [, hours = '', minutes, half] = match;
  // "1030" and "930" are hours then minutes: the pattern takes at most two digits for the hours.
  let hour = Number(hours);
  const minute = minutes === undefined ? 0 : Number(minutes);
  if (minute > 59) return { problem: example };
  if (half) {
    if (hour < 1 || hour > 12) return { problem: example };
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return { problem: example };
  } else if (minutes === undefined && hour <= 12) {
    return {
      problem: `Enter the ${label} with am or pm, for example ${hour || 12}am or ${hour || 12}pm, or as ${String(hour).padStart(2, '0')}:00`,
    };
  }
  return { time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

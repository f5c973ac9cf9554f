/**
 * Working days in England and Wales: not a weekend, not a bank holiday (substitute days included).
 * Bank holidays come from date-holidays, a maintained library, not a list typed by hand.
 * Dates are calendar dates, YYYY-MM-DD, with no time zone.
 */
import type Holidays from 'date-holidays';
import { lazyModule } from './lazyModule.ts';

// Loaded with the first date checked: date-holidays brings moment-timezone and an astronomy library with it.
const holidays = lazyModule<typeof Holidays>('date-holidays');
let englandAndWales: Holidays | undefined;
/** Each year's bank holidays by date, with their names ("Christmas Day", "Boxing Day (substitute day)"). */
const bankHolidaysByYear = new Map<number, Map<string, string>>();

function bankHolidays(year: number): Map<string, string> {
  let days = bankHolidaysByYear.get(year);
  if (!days) {
    days = new Map(
      (englandAndWales ??= new (holidays())('GB', 'ENG'))
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => [holiday.date.slice(0, 10), holiday.name] as const),
    );
    bankHolidaysByYear.set(year, days);
  }
  return days;
}

function toDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  const next = toDate(date);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

export function isBankHoliday(date: string): boolean {
  return bankHolidays(Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: string): boolean {
  const weekday = toDate(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
}

/** Why a day is not a working day, in words that can follow its date ("a Saturday", "a bank holiday (Christmas Day)"); null for a working day. */
export function whyNotWorking(date: string): string | null {
  const weekday = toDate(date).getUTCDay();
  if (weekday === 6) return 'a Saturday';
  if (weekday === 0) return 'a Sunday';
  const holiday = bankHolidays(Number(date.slice(0, 4))).get(date);
  return holiday === undefined ? null : `a bank holiday (${holiday})`;
}

/** The date itself if it is a working day, else the nearest working day after it (direction 1) or before it (-1). */
export function nearestWorkingDay(date: string, direction: 1 | -1): string {
  return isWorkingDay(date) ? date : shiftWorkingDays(date, direction);
}

/** The date `count` working days after (positive) or before (negative) `date`, not counting `date` itself. */
export function shiftWorkingDays(date: string, count: number): string {
  const step = Math.sign(count);
  let remaining = Math.abs(count);
  let current = date;
  while (remaining > 0) {
    current = addDays(current, step);
    if (isWorkingDay(current)) remaining -= 1;
  }
  return current;
}

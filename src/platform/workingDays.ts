/**
 * Working days in England and Wales: not a weekend, not a bank holiday (substitute days included).
 * Bank holidays come from date-holidays, a maintained library, not a list typed by hand.
 * Dates are calendar dates, YYYY-MM-DD, with no time zone.
 */
import Holidays from 'date-holidays';

const englandAndWales = new Holidays('GB', 'ENG');
const bankHolidaysByYear = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let days = bankHolidaysByYear.get(year);
  if (!days) {
    days = new Set(
      englandAndWales
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
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

/** Dates as GOV.UK writes them. */
import { todayInEngland } from './clock.ts';

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

/** GOV.UK style: 1 April 2016. Accepts YYYY-MM-DD or a full ISO timestamp. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return value;
  return `${day} ${monthNames[month - 1]} ${year}`;
}

/** "Thursday 9 April 2026 at 10:00" */
export function describeWhen(date: string, time: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  return `${weekday} ${formatDate(date)} at ${time}`;
}

/** The instant of a date and time on the clock in England (GMT or BST). */
export function englandTimeToUtc(date: string, time: string): Date {
  const asIfUtc = new Date(`${date}T${time}:00Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(asIfUtc)
      .map((part) => [part.type, part.value]),
  );
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

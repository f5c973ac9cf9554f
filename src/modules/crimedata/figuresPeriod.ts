/**
 * The period a crime figures page is for, as its address carries it (?period=quarter&month=2022-10): read the
 * same way by every such page (a partnership's profile and peers, an area's comparison), with the form that
 * chooses it. By default, the 12 months to the latest month held; a query the form never sends has no page.
 */
import { z } from 'zod';
import { AddressProblemError } from '../../platform/errors.ts';
import { queryText } from '../../web/schemas.ts';
import { monthPattern } from './analysis/months.ts';
import { type Period, type PeriodKind, periodKinds, periodOf } from './analysis/periods.ts';
import type { Month } from './analysis/types.ts';
import { monthName } from '../../platform/dates.ts';
import { asTyped, monthAskedWords } from './hotspotsPage.ts';

/** Each value as the period form sends it; periodAsked then decides whether the page exists. */
export const periodParams = z.object({ period: queryText, month: queryText });
export type PeriodAsked = z.output<typeof periodParams>;

const periodQuery = z.object({
  period: z.enum(Object.keys(periodKinds) as [PeriodKind, ...PeriodKind[]]).default('year'),
  month: z.string().regex(monthPattern).optional(),
});

export interface PeriodChosen {
  heldMonths: Month[];
  kind: PeriodKind;
  month: Month | null;
  /** Null when no month is held. */
  period: Period | null;
}

const chooseAgain = { text: 'Choose from the months held' };
const kinds = Object.values(periodKinds).map((text) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`);
const kindWords = `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1) ?? ''}`;

/**
 * The period asked for among the months held. A month that is not one or is not held, or a period the form never
 * offers, is a problem with the address: the page says which, and what is held.
 */
export function periodAsked(asked: PeriodAsked, heldMonths: Month[]): PeriodChosen {
  const given = Object.fromEntries(Object.entries(asked).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = periodQuery.safeParse(given);
  if (!parsed.success) {
    const kind = periodQuery.shape.period.safeParse(given.period);
    if (!kind.success)
      throw new AddressProblemError(`${asTyped(String(given.period))} is not a period: a page covers ${kindWords}.`, chooseAgain);
    throw new AddressProblemError(monthAskedWords(String(given.month), heldMonths), chooseAgain);
  }
  const month = parsed.data.month ?? heldMonths.at(-1);
  if (month !== undefined && !heldMonths.includes(month)) throw new AddressProblemError(monthAskedWords(month, heldMonths), chooseAgain);
  const kind = parsed.data.period;
  return { heldMonths, kind, month: month ?? null, period: month ? periodOf(kind, month) : null };
}

/** The period form's choices and the query that keeps the same period on the page's other views. */
export const periodFilter = (chosen: PeriodChosen, action: string) => ({
  action,
  kinds: Object.entries(periodKinds).map(([value, text]) => ({ value, text, checked: value === chosen.kind })),
  months: [...chosen.heldMonths].reverse().map((value) => ({ value, text: monthName(value), selected: value === chosen.month })),
  search: chosen.month ? `?${new URLSearchParams({ period: chosen.kind, month: chosen.month }).toString()}` : '',
});

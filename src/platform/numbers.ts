/**
 * Numbers and money as the partnership's documents write them (en-GB): thousands separators, the true
 * minus sign (−), money held in whole pence and shown in pounds. Shared by every page and document.
 */

export const minus = '\u2212';

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A count with its noun: "1 file", "2 files". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A non-negative number with thousands separators and exactly this many decimal places. */
export function digits(n: number, places: number): string {
  let format = numberFormats.get(places);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places });
    numberFormats.set(places, format);
  }
  return format.format(n);
}

/** Whether a figure shown to its places is nought: it then takes no sign. */
export const showsAsZero = (magnitude: string): boolean => !/[1-9]/.test(magnitude);

/** The sign written apart from the magnitude, so that it is the true minus; a change of nought is plain '0'. */
export function signedChange(n: number, magnitude: string, zero: string): string {
  return showsAsZero(magnitude) ? zero : `${n < 0 ? minus : '+'}${magnitude}`;
}

/** The size of an amount held in pence, in pounds: pence show only when there are some ('£409,728', '£4,813.50'). */
export function pounds(pence: number): string {
  const whole = Math.round(Math.abs(pence));
  return `£${digits(whole / 100, whole % 100 === 0 ? 0 : 2)}`;
}

/** An amount held in pence, with its sign: '£82,750', '−£1,200.50'. */
export function formatMoney(pence: number): string {
  const magnitude = pounds(pence);
  return pence < 0 && !showsAsZero(magnitude) ? `${minus}${magnitude}` : magnitude;
}

/** A change of money with its sign always shown: '+£1,000', '−£136,576', '£0'. */
export function formatMoneyChange(pence: number): string {
  return signedChange(pence, pounds(pence), '£0');
}

/** As the documents round a change: one decimal place while under 10%, whole numbers from there (+147%, −0.9%, −25%). */
export function formatPercentChange(percent: number | null): string {
  if (percent === null) return 'No comparison';
  const size = Math.abs(percent);
  return `${signedChange(percent, digits(size, size < 9.95 ? 1 : 0), '0')}%`;
}

/**
 * A number as typed: digits with optional thousands separators and decimals, and an optional minus. Commas only
 * as thousands separators ("1,83" is a mistake, not 183); no exponents, hexadecimal or spaces within.
 */
export const numberPattern = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

/**
 * A number as people type it into a form or a CSV cell ("1,832", "-6", "62.176", with spaces around it), or what
 * is wrong with it, in words that can follow "Line N: " or stand under a field. The one reader of typed numbers.
 */
export function readNumber(typed: string): { value: number } | { problem: string } {
  const text = typed.trim();
  if (!numberPattern.test(text)) return { problem: `"${text}" is not a number` };
  return { value: Number(text.replaceAll(',', '')) };
}

/**
 * An amount of money as people type it ('£4,813.50', '409728', '-£12') in whole pence, or what is wrong
 * with it, in words that can follow "Line N: " or stand under a field.
 */
export function readPounds(typed: string): { pence: number } | { problem: string } {
  const text = typed.trim();
  const quoted = `"${text}"`;
  const amount = text.replace(/^(-?)\s*£\s*/, '$1');
  if (!numberPattern.test(amount)) return { problem: `${quoted} is not an amount of money: write it like £4,813.50` };
  const [whole = '', pence = ''] = amount.replace(/[-,]/g, '').split('.');
  if (pence.length > 2) return { problem: `${quoted} has more than 2 decimal places: write pounds and pence, like £4,813.50` };
  const size = Number(whole) * 100 + Number(pence.padEnd(2, '0'));
  if (!Number.isSafeInteger(size)) return { problem: `${quoted} is too large` };
  return { pence: amount.startsWith('-') ? -size : size };
}

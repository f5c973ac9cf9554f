export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

// Built once: a formatter costs far more to make than to use, and pages ask for today many times.
const englandDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in England (YYYY-MM-DD): after midnight UTC in summer, UK time is already tomorrow. */
export function todayInEngland(clock: Clock): string {
  return englandDay.format(clock.now());
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

/** Today's date in England (YYYY-MM-DD): after midnight UTC in summer, UK time is already tomorrow. */
export function todayInEngland(clock: Clock): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    clock.now(),
  );
}

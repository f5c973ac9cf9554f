export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

/**
 * When a step happened, where it is recorded after the event from a document (the demo's records): the record's own
 * history says that moment, while the audit log still says when it was entered.
 */
export interface RecordedOn {
  at: string;
}

/** The moment a step is recorded as taken: the one a document gives, else now. */
export function takenAt(clock: Clock, on?: RecordedOn): string {
  return on?.at ?? isoNow(clock);
}

// Built once: a formatter costs far more to make than to use, and pages ask for today many times.
const englandDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
// Even using it costs a few microseconds, every request: the day is kept for the minute it was asked in (UK time
// differs from UTC by whole hours, so a day never changes within a minute).
let dayOfMinute = { minute: Number.NaN, day: '' };

/** Today's date in England (YYYY-MM-DD): after midnight UTC in summer, UK time is already tomorrow. */
export function todayInEngland(clock: Clock): string {
  const time = clock.now().getTime();
  const minute = Math.floor(time / 60_000);
  if (minute !== dayOfMinute.minute) dayOfMinute = { minute, day: englandDay.format(time) };
  return dayOfMinute.day;
}

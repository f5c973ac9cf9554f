/** What a person is told when the sign-in throttle stops an attempt: how long to wait, in their words. */
import { plural } from '../../platform/numbers.ts';
import type { ThrottleRefusal } from './signInLimiter.ts';

export const secondsUntil = (at: Date, now: Date): number => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

const englandHourMinute = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });

/**
 * In seconds for an account's short wait, by the clock for an address. `tooMany` names the attempts, by account and
 * by address ("Too many failed attempts to sign in with this email address").
 */
export function throttledMessage(refusal: ThrottleRefusal, now: Date, tooMany: { account: string; address: string }): string {
  if (refusal.by === 'account') {
    const seconds = secondsUntil(refusal.tryAgainAt, now);
    return `${tooMany.account}. Wait ${plural(seconds, 'second', 'seconds')}, then try again.`;
  }
  const time = englandHourMinute.format(refusal.tryAgainAt);
  return `${tooMany.address}. Try again after ${time}.`;
}

/** The words for failed sign-ins, which a wrong current password on the change-password form counts among. */
export const failedSignIns = {
  account: 'Too many failed attempts to sign in with this email address',
  address: 'Too many failed attempts to sign in from your network',
};

/** The sign-in throttles kept in the database, so that they hold across every process on it. */
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Engine } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { deleteThrottle, deleteThrottlesBefore, lockThrottles, saveThrottle } from './accounts.repository.ts';
import { signInThrottle, stillCounting, tryAgainAt, withFailure } from './signInThrottle.ts';

export interface ThrottleRefusal {
  /** Whether the account is made to wait, or the address has failed too often. */
  by: 'account' | 'address';
  tryAgainAt: Date;
}

export interface SignInLimiter {
  /**
   * Whether an attempt may go ahead; if it may, it is counted as failed before the password is checked,
   * so parallel guesses cannot all slip under the limits.
   */
  claim(email: string, address: string): Promise<ThrottleRefusal | null>;
  /** The password was right: the account's failures are forgotten and the address's counted failure taken back. */
  succeeded(trx: Kysely<Database>, email: string, address: string): Promise<void>;
}

const kinds = ['address', 'account'] as const;
const forgottenAfterMs = Math.max(signInThrottle.accountMemoryMinutes, signInThrottle.addressWindowMinutes) * 60_000;

/**
 * `purpose` keeps another kind of attempt (asking for a password reset link) on throttles of its own, under the same
 * rules, so that asking for links to someone's address never holds up their signing in.
 */
export function createSignInLimiter(db: Kysely<Database>, engine: Engine, clock: Clock, purpose = ''): SignInLimiter {
  // `pair` is the account tried from the address: an address's limit counts the accounts it failed on, not every
  // failure, so people in one office who mistype their own passwords do not shut the office out together.
  const keysOf = (email: string, address: string) => ({
    account: `${purpose}account:${email}`,
    address: `${purpose}address:${address}`,
    pair: `${purpose}pair:${address} ${email}`,
  });

  return {
    async claim(email, address) {
      const now = clock.now();
      const keys = keysOf(email, address);
      await deleteThrottlesBefore(db, new Date(now.getTime() - forgottenAfterMs).toISOString());
      return db.transaction().execute(async (trx) => {
        const states = await lockThrottles(trx, engine, Object.values(keys));
        for (const kind of kinds) {
          const at = tryAgainAt(kind, states.get(keys[kind]) ?? null, now);
          if (at) return { by: kind, tryAgainAt: at };
        }
        const pair = stillCounting('address', states.get(keys.pair) ?? null, now);
        await saveThrottle(trx, keys.account, withFailure('account', states.get(keys.account) ?? null, now));
        if (!pair) await saveThrottle(trx, keys.address, withFailure('address', states.get(keys.address) ?? null, now));
        await saveThrottle(trx, keys.pair, withFailure('address', pair, now));
        return null;
      });
    },

    async succeeded(trx, email, address) {
      const keys = keysOf(email, address);
      const states = await lockThrottles(trx, engine, Object.values(keys));
      const counted = states.get(keys.address);
      await deleteThrottle(trx, keys.account);
      await deleteThrottle(trx, keys.pair);
      // The address counted this account only if this attempt was its first from there.
      const firstFromHere = states.get(keys.pair)?.failures === 1;
      if (firstFromHere && counted && counted.failures > 0)
        await saveThrottle(trx, keys.address, { ...counted, failures: counted.failures - 1 });
    },
  };
}

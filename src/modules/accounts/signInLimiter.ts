/** The sign-in throttles kept in the database, so that they hold across every process on it. */
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Engine } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { deleteThrottle, deleteThrottlesBefore, lockThrottles, saveThrottle } from './accounts.repository.ts';
import { signInThrottle, tryAgainAt, withFailure } from './signInThrottle.ts';

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

export function createSignInLimiter(db: Kysely<Database>, engine: Engine, clock: Clock): SignInLimiter {
  const keysOf = (email: string, address: string) => ({ account: `account:${email}`, address: `address:${address}` });

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
        for (const kind of kinds) await saveThrottle(trx, keys[kind], withFailure(kind, states.get(keys[kind]) ?? null, now));
        return null;
      });
    },

    async succeeded(trx, email, address) {
      const keys = keysOf(email, address);
      const counted = (await lockThrottles(trx, engine, Object.values(keys))).get(keys.address);
      await deleteThrottle(trx, keys.account);
      if (counted && counted.failures > 0) await saveThrottle(trx, keys.address, { ...counted, failures: counted.failures - 1 });
    },
  };
}

/**
 * The session cookie's signer, remembering the cookies it has found valid. @fastify/session checks the cookie's
 * signature on every signed-in request and then signs the session's id again to have the cookie's value: two HMACs
 * whose answers never change for the same cookie. Only a cookie found valid is remembered, with its session's id, so
 * neither a stream of made-up cookies nor the new sessions of requests without one fill it; it holds at most `size`
 * cookies, the oldest forgotten first.
 */
import { Signer } from '@fastify/cookie';
import { minimumSecretLength } from '../config.ts';

type Unsigned = ReturnType<Signer['unsign']>;

/** How many sessions' cookies are remembered: more than are signed in to one process at once. */
export const rememberedCookies = 10_000;

export function rememberingSigner(secret: string, size = rememberedCookies): Pick<Signer, 'sign' | 'unsign'> {
  // As @fastify/session checks a secret given as text: given a signer, it checks nothing.
  if (secret.length < minimumSecretLength) throw new Error(`The session secret must be at least ${minimumSecretLength} characters.`);
  const signer = new Signer(secret);
  const byCookie = new Map<string, Unsigned>();
  const cookieOf = new Map<string, string>();
  return {
    sign: (value) => cookieOf.get(value) ?? signer.sign(value),
    unsign(cookie) {
      const known = byCookie.get(cookie);
      if (known) return known;
      const answer = Object.freeze(signer.unsign(cookie));
      if (!answer.valid || answer.value === null) return answer;
      if (byCookie.size >= size) {
        const [oldest, { value }] = byCookie.entries().next().value!;
        byCookie.delete(oldest);
        cookieOf.delete(value ?? '');
      }
      byCookie.set(cookie, answer);
      cookieOf.set(answer.value, cookie);
      return answer;
    },
  };
}

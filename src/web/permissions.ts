/**
 * Route-level access: every route names its level in `config.access` (the levels and their rule are in
 * platform/policy.ts); a route without one cannot be registered.
 */
import type { FastifyRequest } from 'fastify';
import { NotPermittedError } from '../platform/errors.ts';
import { keyOf, keyOfReader } from '../platform/kept.ts';
import type { Access } from '../platform/policy.ts';
import type { Principal } from '../platform/principal.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A POST authorised by a signed token in its address (an e-mail's unsubscribe link), sent without a session: no CSRF token. */
    signedAddress?: boolean;
    /**
     * Where a POST whose CSRF token is refused sends the reader instead of the error page: a page that asks again
     * with a fresh token (signing out from a tab opened before the session was renewed).
     */
    askAgainAt?: string;
  }
}

/**
 * The signed-in principal of a route that needs one (any route but a public one): the access check has let
 * only the signed in through, so this refuses only a route wrongly marked public.
 */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new NotPermittedError('Sign in to do this');
  return request.principal;
}

/**
 * The key of a page kept for one reader (decision 0057): the partnership as the request read it, its count of
 * changes, the reader (what they may do and see follows from both), the ids in its address, and what else it asks
 * for (a list's filter and place, as its schema read them).
 */
export function keptPageKey(request: FastifyRequest, version: string, asked: unknown = null): string {
  return keyOf([request.partnership, version, keyOfReader(principalOf(request)), request.params, asked]);
}

/**
 * Route-level access: every route names its level in `config.access` (the levels and their rule are in
 * platform/policy.ts); a route without one cannot be registered.
 */
import type { FastifyRequest } from 'fastify';
import { NotPermittedError } from '../platform/errors.ts';
import type { Access } from '../platform/policy.ts';
import type { Principal } from '../platform/principal.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A POST authorised by a signed token in its address (an e-mail's unsubscribe link), sent without a session: no CSRF token. */
    signedAddress?: boolean;
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

/**
 * What was typed on a page and not saved when one of its buttons saved something else: kept in the session
 * across the redirect, and shown again when the page is next drawn, so nothing typed is lost.
 */
import type { FastifyRequest } from 'fastify';
import type { TypedValues } from './forms.ts';

declare module 'fastify' {
  interface Session {
    /** Typed values waiting for the page at `path`. */
    kept?: { path: string; values: TypedValues };
  }
}

/** Keeps the values that have something in them for the page at `path`; nothing is kept when none has. */
export function keepTyped(request: FastifyRequest, path: string, values: TypedValues): void {
  const filled = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
  request.session.kept = Object.keys(filled).length ? { path, values: filled } : undefined;
}

/** The values kept for this page, once: the next drawing of it starts afresh. */
export function takeKept(request: FastifyRequest, path: string): TypedValues {
  const { kept } = request.session;
  if (kept?.path !== path) return {};
  request.session.kept = undefined;
  return kept.values;
}

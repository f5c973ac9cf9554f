/**
 * The Content-Security-Policy lets a page's forms send only to Safer itself (`form-action 'self'`), and browsers hold
 * every redirect that follows a form's submission to it as well. A page whose form leads on to another site (the
 * sign-in page's buttons, which send people to their organisation's provider) names those sites, on that response only.
 */
import type { FastifyReply } from 'fastify';

/** Adds `origins` (each a URL's origin, like https://login.example.org) to the response's form-action sources. */
export function allowFormsToLeadTo(reply: FastifyReply, origins: readonly string[]): void {
  const policy = reply.raw.getHeader('content-security-policy');
  if (origins.length === 0 || typeof policy !== 'string') return;
  const widened = policy.replace(/(^|;)(\s*form-action [^;]*)/, (_directive, start: string, sources: string) =>
    [`${start}${sources}`, ...new Set(origins)].join(' '),
  );
  reply.raw.setHeader('content-security-policy', widened);
}

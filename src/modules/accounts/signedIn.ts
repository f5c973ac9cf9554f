/** What happens once an account has proven who it is, whichever way it signed in: every sign-in ends here. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsService } from './accounts.service.ts';

export async function beginSession(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { accounts: AccountsService },
  userId: string,
  returnTo: string,
): Promise<FastifyReply> {
  // A new session id at sign-in, so a session fixed before sign-in is worthless afterwards.
  await request.session.regenerate();
  request.session.userId = userId;
  // Sign-in is frequent enough, and rare enough, to be the moment expired sessions are cleared.
  await deps.accounts.sessions.removeExpired();
  return reply.redirect(returnTo);
}

import type { FastifyRequest } from 'fastify';
import { isRefusal } from '../platform/errors.ts';

/**
 * A button with no form of its own (publish, move an item, record as held): does the work, and says on
 * the next page how it went — what was done, or the rule or colleague's change that stopped it. Any other
 * error goes on to the error page.
 */
export async function reportOnNextPage(request: FastifyRequest, work: () => Promise<string | null>): Promise<void> {
  try {
    const done = await work();
    if (done) request.session.flash = done;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    request.session.problem = error.message;
  }
}

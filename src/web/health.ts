import type { FastifyInstance } from 'fastify';
import { type DatabaseHandle, pingDatabase } from '../db/createDb.ts';

/** For load balancers and monitoring: 200 only after a real query succeeds. */
export function registerHealth(app: FastifyInstance, database: DatabaseHandle): void {
  app.get('/health', { config: { access: 'public' } }, async (request, reply) => {
    try {
      await pingDatabase(database.db);
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: database.engine });
    } catch (error) {
      request.log.warn({ err: error }, 'health check: database did not answer');
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable', database: database.engine });
    }
  });
}

import type { FastifyError, FastifyInstance } from 'fastify';
import { NotFoundError, NotPermittedError } from '../core/errors.ts';
import type { PageRenderer } from './render.ts';
import { IncompleteUploadError } from './uploads.ts';

/** 404, 403, 400 and 500 pages that say what to do next and leak nothing. */
export function registerErrorHandling(app: FastifyInstance, pages: PageRenderer): void {
  app.setNotFoundHandler((request, reply) => {
    reply.code(404);
    return pages.render(request, reply, 'errors/404.njk');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof NotFoundError) {
      reply.code(404);
      return pages.render(request, reply, 'errors/404.njk');
    }
    if (error instanceof NotPermittedError) {
      reply.code(403);
      return pages.render(request, reply, 'errors/403.njk');
    }
    if (error instanceof IncompleteUploadError) {
      reply.code(400);
      return pages.render(request, reply, 'errors/upload-incomplete.njk');
    }
    if (error.code?.startsWith('FST_CSRF')) {
      reply.code(403);
      return pages.render(request, reply, 'errors/session-expired.njk');
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      reply.code(status);
      return pages.render(request, reply, 'errors/400.njk');
    }
    request.log.error({ err: error }, 'unhandled error');
    reply.code(500);
    return pages.render(request, reply, 'errors/500.njk', { requestId: request.id });
  });
}

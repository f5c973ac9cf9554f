/**
 * The one error map: any error a service raises (a SaferError carries its status and code) becomes the page
 * that says what to do next, or for a JSON request an application/problem+json document (RFC 9457). Nothing
 * leaks: a 500 says only its request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AddressProblemError, SaferError } from '../platform/errors.ts';
import type { PageRenderer } from './render.ts';

/** The page for each stable code; any other 4xx gets the general "problem with your request" page. */
const templates: Record<string, string> = {
  'not-found': 'errors/404.njk',
  forbidden: 'errors/403.njk',
  'upload-incomplete': 'errors/upload-incomplete.njk',
  'session-expired': 'errors/session-expired.njk',
  'address-problem': 'errors/address-problem.njk',
  // A rule or a colleague's change refused the request where no form could show it: the page says which.
  conflict: 'errors/refused.njk',
  invalid: 'errors/refused.njk',
};

const titles: Record<number, string> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  422: 'Unprocessable content',
  500: 'Internal server error',
};

/** Whether the client asked for JSON rather than a page (a machine, or a script on a page). */
export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /application\/(problem\+)?json/.test(accept) && !accept.includes('text/html');
}

interface Problem {
  status: number;
  code: string;
  /** Said to the user: only what a SaferError chose to say, never an internal message. */
  detail: string | null;
  /** Where to go instead, for an address that asked for what its page does not have. */
  next?: { text: string; href?: string };
}

function problemOf(error: FastifyError | SaferError): Problem {
  if (error instanceof AddressProblemError) return { status: error.status, code: error.code, detail: error.message, next: error.next };
  if (error instanceof SaferError) {
    // A NotFoundError's message names the record type ("allocation not found"): the page says it generally.
    return { status: error.status, code: error.code, detail: error.status === 404 ? null : error.message };
  }
  if (error.code?.startsWith('FST_CSRF')) return { status: 403, code: 'session-expired', detail: null };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, code: 'bad-request', detail: null };
  return { status: 500, code: 'internal', detail: null };
}

function problemDocument(request: FastifyRequest, problem: Problem) {
  return {
    type: `/problems/${problem.code}`,
    title: titles[problem.status] ?? 'Error',
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance: request.url,
    ...(problem.status === 500 ? { requestId: request.id } : {}),
  };
}

function send(request: FastifyRequest, reply: FastifyReply, pages: PageRenderer, problem: Problem) {
  reply.code(problem.status);
  if (wantsJson(request)) return reply.type('application/problem+json').send(problemDocument(request, problem));
  if (problem.status === 500) return pages.render(request, reply, 'errors/500.njk', { requestId: request.id });
  // By default the page asked for, without the query that asked for what it does not have.
  const next = problem.next && { text: problem.next.text, href: problem.next.href ?? request.url.split('?')[0] };
  return pages.render(request, reply, templates[problem.code] ?? 'errors/400.njk', { message: problem.detail, next });
}

const unreadableAddressPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sorry, there is a problem with your request – Safer</title>
<link rel="stylesheet" href="/assets/application.css"></head>
<body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">Sorry, there is a problem with your request</h1>
<p class="govuk-body">The address could not be read. Check it, or <a class="govuk-link" href="/">go to the start page</a>.</p>
</main></div></body></html>`;

/**
 * Fastify's own refusals of an address it cannot route (too long, badly encoded), which come before any hook: the
 * same problem document or a plain page, without echoing the address or Fastify's codes.
 */
export function answerUnreadableAddress(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = { status: error.statusCode && error.statusCode < 500 ? error.statusCode : 400, code: 'bad-request', detail: null };
  reply.code(problem.status);
  if (wantsJson(request)) {
    void reply.type('application/problem+json').send({ ...problemDocument(request, problem), instance: undefined });
  } else {
    void reply.type('text/html; charset=utf-8').send(unreadableAddressPage);
  }
}

/** 404, 403, 400, 409, 422 and 500 pages (or problem documents) that say what to do next and leak nothing. */
export function registerErrorHandling(app: FastifyInstance, pages: PageRenderer): void {
  app.setNotFoundHandler((request, reply) => send(request, reply, pages, { status: 404, code: 'not-found', detail: null }));

  app.setErrorHandler((error: FastifyError | SaferError, request, reply) => {
    // A route that can ask again with a fresh token (signing out) does so, rather than show the expired-form page.
    const { askAgainAt } = request.routeOptions.config;
    if (askAgainAt && 'code' in error && error.code?.startsWith('FST_CSRF')) return reply.redirect(askAgainAt, 303);
    const problem = problemOf(error);
    if (problem.status === 500) request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, pages, problem);
  });
}

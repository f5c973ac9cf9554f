/** Nunjucks with GOV.UK Frontend and MoJ Frontend, and the context every page's layout needs. */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { formatDate } from '../platform/dates.ts';
import type { Principal } from '../platform/principal.ts';
import { asSentence } from '../platform/wording.ts';
import { keepComponents } from './keptComponents.ts';
import { tableHtml } from './table.ts';

export { formatDate };

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

export const govukFrontendDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const mojFrontendRoot = dirname(require.resolve('@ministryofjustice/frontend/package.json'));

// Formatters built once: making one costs far more than using it, and a list formats a date on every row.
const englandDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});
const wholeNumber = new Intl.NumberFormat('en-GB');

/** GOV.UK style: 1 April 2016 at 2:05pm (UK time). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const parts = englandDateTime.formatToParts(new Date(value));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}${part('dayPeriod').toLowerCase()}`;
}

export function createViewEnvironment(): nunjucks.Environment {
  const environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([join(here, 'views'), join(here, '..', 'modules'), govukFrontendDist, mojFrontendRoot], {
      noCache: false,
    }),
    { autoescape: true, throwOnUndefined: false },
  );
  keepComponents(environment);
  environment.addGlobal('govukTableHtml', tableHtml);
  environment.addFilter('govukDate', formatDate);
  environment.addFilter('govukDateTime', formatDateTime);
  environment.addFilter('sentence', (value: string | null | undefined) => asSentence(value ?? ''));
  environment.addFilter('number', (value: number | null | undefined) =>
    value === null || value === undefined ? '' : wholeNumber.format(value),
  );
  return environment;
}

export interface SwitcherEntry {
  id: string;
  name: string;
}

declare module 'fastify' {
  interface Session {
    userId?: string;
    flash?: string;
    /** A change refused after a button with no form of its own (moving an item, publishing): said once on the next page. */
    problem?: string;
    /** Read with the session at each request, never saved: whether what is kept of access still holds (web/accessCache.ts). */
    accessGeneration?: string | null;
    /** Read with the session likewise: whether the partnerships' versions kept still hold (web/accessCache.ts). */
    pageGeneration?: string | null;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The partnership named by the route's :partnershipId, loaded and checked before the handler runs. */
    partnership: { id: string; areaId: string; name: string; shortName: string } | null;
    /** The area named by the route's :areaId, loaded and checked likewise. */
    area: { id: string; name: string; oversightBody: string } | null;
  }
}

/**
 * A part of a page kept as the bytes it is sent as. A kept part that is large (a performance report of 40 indicators
 * is 160 KB) cost more to encode into the response, at each request, than to draw the rest of the page: given in a
 * page's context, it is written into the response as it is.
 */
export class EncodedHtml {
  readonly bytes: Buffer;
  constructor(html: string) {
    this.bytes = Buffer.from(html);
  }
}

// Stand for the encoded parts while the rest of the page is drawn: nothing drawn holds a NUL, let alone these.
const partId = randomUUID();
const partMarker = (index: number) => `\u0000part-${partId}-${index}\u0000`;
const partMarkers = new RegExp(`\u0000part-${partId}-(\\d+)\u0000`);

/** The page as bytes, each encoded part set where its marker was drawn. */
function withParts(html: string, parts: readonly EncodedHtml[]): Buffer {
  // Split by a pattern with a group: the text between markers, each followed by the number its marker held.
  return Buffer.concat(
    html.split(partMarkers).map((piece, index) => (index % 2 ? (parts[Number(piece)]?.bytes ?? Buffer.alloc(0)) : Buffer.from(piece))),
  );
}

/**
 * A kept part of a page with its components' indenting left out, once: a fifth to a sixth less to send at every
 * request. Only for a part with nothing preformatted (no <pre>, no <textarea> holding text), where lines are all
 * that whitespace between tags can change.
 */
export const withoutIndenting = (html: string): string => html.replace(/\s*\n\s*/g, '\n');

export interface PageRenderer {
  render(request: FastifyRequest, reply: FastifyReply, template: string, context?: Record<string, unknown>): Promise<FastifyReply>;
  /** A part of a page, given only `context` (none of the layout's, which is the user's): so it can be kept and shared. */
  fragment(template: string, context: Record<string, unknown>): string;
}

export function createPageRenderer(
  environment: nunjucks.Environment,
  partnershipsFor: (request: FastifyRequest, principal: Principal) => Promise<SwitcherEntry[]>,
): PageRenderer {
  return {
    async render(request, reply, template, context = {}) {
      let token: string | undefined;
      const { flash, problem } = request.session;
      if (flash) request.session.flash = undefined;
      if (problem) request.session.problem = undefined;
      const parts: EncodedHtml[] = [];
      const drawn = Object.entries(context).map(([name, value]): [string, unknown] => {
        if (!(value instanceof EncodedHtml)) return [name, value];
        parts.push(value);
        return [name, new nunjucks.runtime.SafeString(partMarker(parts.length - 1))];
      });
      const html = environment.render(template, {
        principal: request.principal,
        partnership: request.partnership,
        switcher: request.principal ? await partnershipsFor(request, request.principal) : [],
        // Made only for pages with a form (or a signed-in user), so anonymous visits create no session.
        csrfToken: () => (token ??= reply.generateCsrf()),
        cspNonce: reply.cspNonce.script,
        currentPath: request.url.split('?')[0],
        flash,
        problem,
        ...Object.fromEntries(drawn),
      });
      return reply.type('text/html; charset=utf-8').send(parts.length ? withParts(html, parts) : html);
    },
    fragment: (template, context) => environment.render(template, context),
  };
}

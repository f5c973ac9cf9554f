import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { isRealDate } from '../../web/forms.ts';
import { queryValues } from '../../web/query.ts';
import type { PageRenderer } from '../../web/render.ts';

const pageSize = 50;


type PageItem = { number: number; href: string; current: boolean } | { ellipsis: true };

/** The first page, the last, and two either side of this one; a gap shows as an ellipsis (GOV.UK pagination). */
function pageItems(page: number, pageCount: number, link: (n: number) => string): PageItem[] {
  const items: PageItem[] = [];
  let previous = 0;
  for (let n = 1; n <= pageCount; n++) {
    if (n !== 1 && n !== pageCount && Math.abs(n - page) > 2) continue;
    if (n - previous > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: link(n), current: n === page });
    previous = n;
  }
  return items;
}

export function registerAuditRoutes(app: FastifyInstance, pages: PageRenderer, container: Container): void {
  const { audit, accounts, governance } = container;

  app.get('/admin/audit', { config: { access: 'admin' } }, async (request, reply) => {
    const query = queryValues(request.query, ['entityType', 'userId', 'partnershipId', 'from', 'to', 'page']);
    const errors: Record<string, string> = {};
    for (const field of ['from', 'to'] as const) {
      if (query[field] && !isRealDate(query[field])) errors[field] = `Enter the ${field === 'from' ? '‘from’' : '‘to’'} date as a real date, like 2026-11-23`;
    }
    const filter = {
      entityType: query.entityType || undefined,
      userId: query.userId || undefined,
      partnershipId: query.partnershipId || undefined,
      from: errors.from ? undefined : query.from || undefined,
      to: errors.to ? undefined : query.to || undefined,
    };
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const [{ rows, total }, entityTypes, users, partnerships] = await Promise.all([
      audit.list(filter, { limit: pageSize, offset: (page - 1) * pageSize }),
      audit.entityTypes(),
      accounts.listUsers(),
      governance.partnerships.list(null, { includeArchived: true }),
    ]);
    const pageCount = Math.max(1, Math.ceil(total / pageSize));
    const link = (n: number) => `/admin/audit?${String(new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== 'page' && v)), page: String(n) }))}`;
    if (Object.keys(errors).length) reply.code(400);
    return pages.render(request, reply, 'audit/views/audit.njk', {
      title: 'Audit log',
      rows,
      total,
      query,
      errors: Object.keys(errors).length
        ? { summary: Object.entries(errors).map(([name, text]) => ({ text, href: `#${name}` })), byField: errors }
        : null,
      entityTypes,
      users,
      partnerships,
      pagination: {
        previous: page > 1 ? { href: link(page - 1) } : undefined,
        next: page < pageCount ? { href: link(page + 1) } : undefined,
        items: pageItems(page, pageCount, link),
      },
      breadcrumbs: [{ text: 'Administration', href: '/admin' }],
    });
  });
}

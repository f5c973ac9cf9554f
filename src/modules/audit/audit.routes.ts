import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { isRealDate } from '../../platform/inputs.ts';
import { auditActionNames } from '../../platform/audit.ts';
import { paginate } from '../../web/pagination.ts';
import { queryValues } from '../../web/query.ts';
import type { PageRenderer } from '../../web/render.ts';

export function registerAuditRoutes(app: FastifyInstance, pages: PageRenderer, container: Container): void {
  const { audit, accounts, governance } = container;

  app.get('/admin/audit', { config: { access: 'admin' } }, async (request, reply) => {
    const query = queryValues(request.query, ['action', 'entityType', 'userId', 'partnershipId', 'from', 'to', 'page']);
    const errors: Record<string, string> = {};
    for (const field of ['from', 'to'] as const) {
      if (query[field] && !isRealDate(query[field]))
        errors[field] = `Enter the ${field === 'from' ? '‘from’' : '‘to’'} date as a real date, like 2026-11-23`;
    }
    const filter = {
      action: query.action && query.action in auditActionNames ? query.action : undefined,
      entityType: query.entityType || undefined,
      userId: query.userId || undefined,
      partnershipId: query.partnershipId || undefined,
      from: errors.from ? undefined : query.from || undefined,
      to: errors.to ? undefined : query.to || undefined,
    };
    const pagination = paginate('/admin/audit', query);
    const [{ rows, total }, entityTypes, users, partnerships] = await Promise.all([
      audit.list(filter, pagination),
      audit.entityTypes(),
      accounts.listUsers(),
      governance.partnerships.list(null, { includeArchived: true }),
    ]);
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
      actionNames: auditActionNames,
      users,
      partnerships,
      pagination: pagination.links(total),
      breadcrumbs: [{ text: 'Administration', href: '/admin' }],
    });
  });
}

/** The audit log, filtered and paged, for administrators: under /admin/audit. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuditAction, auditActionNames } from '../../platform/audit.ts';
import { readDateText } from '../../platform/dates.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { endsOf, paginate } from '../../web/pagination.ts';
import { queryText } from '../../web/schemas.ts';
import { type AuditTrail, auditKeyOf } from './audit.service.ts';

/** What the audit page needs from other modules: whom and which partnership its filter offers. */
export interface AuditRouteDependencies {
  audit: Pick<AuditTrail, 'list' | 'entityTypes'>;
  users: () => Promise<{ id: string; name: string }[]>;
  /** Every partnership, archived ones too: their history stays in the log. */
  partnerships: () => Promise<{ id: string; shortName: string }[]>;
}

const auditActions = Object.keys(auditActionNames) as AuditAction[];

const auditQuery = z.object({
  action: queryText,
  entityType: queryText,
  userId: queryText,
  partnershipId: queryText,
  from: queryText,
  to: queryText,
  page: queryText,
  after: queryText,
  before: queryText,
});

export const auditRoutes: ModuleRoutes<AuditRouteDependencies> = {
  prefix: '/admin/audit',
  plugin(instance, { pages, deps: { audit, users, partnerships } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get('', { config: { access: 'admin' }, schema: { querystring: auditQuery } }, async (request, reply) => {
      const { action, entityType, userId, partnershipId, from, to } = request.query;
      const errors: Record<string, string> = {};
      // The dates as people type them ("23 Nov 2026", "23/11/26"); the boxes keep what was typed.
      const dateFrom = (typed: string | undefined, name: 'from' | 'to') => {
        const read = typed ? readDateText(typed, `‘${name}’ date`) : null;
        if (read && 'problem' in read) errors[name] = read.problem;
        return read && 'date' in read ? read.date : undefined;
      };
      const fromDate = dateFrom(from, 'from');
      const toDate = dateFrom(to, 'to');
      const filter = {
        action: auditActions.find((known) => known === action),
        entityType: entityType || undefined,
        userId: userId || undefined,
        partnershipId: partnershipId || undefined,
        from: fromDate,
        to: toDate,
      };
      const pagination = paginate('/admin/audit', request.query);
      const [{ rows, total }, entityTypes, accounts, allPartnerships] = await Promise.all([
        audit.list(filter, pagination),
        audit.entityTypes(),
        users(),
        partnerships(),
      ]);
      const lastPage = pagination.beyondEnd(total);
      if (lastPage && !Object.keys(errors).length) return reply.redirect(lastPage);
      if (Object.keys(errors).length) reply.code(400);
      return pages.render(request, reply, 'audit/views/audit.njk', {
        title: 'Audit log',
        rows,
        total,
        query: request.query,
        errors: Object.keys(errors).length
          ? { summary: Object.entries(errors).map(([name, text]) => ({ text, href: `#${name}` })), byField: errors }
          : null,
        entityTypes,
        actionNames: auditActionNames,
        users: accounts,
        partnerships: allPartnerships,
        pagination: pagination.links(total, endsOf(rows, auditKeyOf)),
        breadcrumbs: [{ text: 'Administration', href: '/admin' }],
      });
    });
    done();
  },
};

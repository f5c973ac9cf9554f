/** The action log, an action's page, and the updates its owners add. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDate } from '../../core/dates.ts';
import { ConflictError } from '../../core/errors.ts';
import { sendCsv } from '../../web/csv.ts';
import { errorsFor, type FormErrors, nameOf, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import { paginate } from '../../web/pagination.ts';
import { viewerOf } from '../../web/permissions.ts';
import { queryValues, versionOf } from '../../web/query.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import type { GovernanceService } from '../governance/index.ts';
import { actionStatusNames } from './actionStatus.ts';
import { actionUpdateFields, actionUpdateSchema } from './actions.schemas.ts';
import type { ActionsService, LoggedAction } from './actions.service.ts';

type ActionParams = { partnershipId: string; id: string };

const actorOf = (request: FastifyRequest) => ({ userId: request.principal?.userId ?? null });

const actionHeadings = ['Action', 'Who', 'Due', 'Status', 'Group', 'Meeting'];
const actionRow = (action: LoggedAction) => [
  action.description,
  action.owner,
  formatDate(action.dueDate),
  action.overdue ? `${nameOf(actionStatusNames, action.status)} (overdue)` : nameOf(actionStatusNames, action.status),
  action.groupName,
  action.meetingDate ? formatDate(action.meetingDate) : 'Community safety plan',
];

export function registerActionRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  actions: ActionsService,
  governance: GovernanceService,
): void {
  const view = { config: { access: 'partnership:view' as const } };
  const partnershipIdOf = (request: FastifyRequest) => (request.params as { partnershipId: string }).partnershipId;

  const actionFilterOf = (request: FastifyRequest) => {
    const query = queryValues(request.query, ['groupId', 'status', 'owner', 'overdue', 'page']);
    const filter = {
      groupId: query.groupId || undefined,
      status: query.status || undefined,
      owner: query.owner?.trim() || undefined,
      overdue: query.overdue === 'yes',
    };
    return { query, filter };
  };

  app.get('/partnerships/:partnershipId/actions', view, async (request, reply) => {
    const { query, filter } = actionFilterOf(request);
    const path = `/partnerships/${partnershipIdOf(request)}/actions`;
    const pagination = paginate(path, query);
    const [{ actions: listed, total }, groups] = await Promise.all([
      actions.actionLogPage(partnershipIdOf(request), viewerOf(request), filter, pagination),
      governance.groups.list(partnershipIdOf(request)),
    ]);
    const search = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => entry[0] !== 'page' && Boolean(entry[1])),
    );
    return pages.render(request, reply, 'actions/views/actions.njk', {
      title: 'Action log',
      filter: query,
      groups,
      statuses: actionStatusNames,
      actions: listed.map((a) => ({ ...a, cells: actionRow(a) })),
      total,
      pagination: pagination.links(total),
      headings: actionHeadings,
      seesEveryPartTwo: viewerOf(request).officer,
      download: `${path}/download.csv?${String(search)}`,
      breadcrumbs: partnershipCrumbs(request),
    });
  });

  app.get('/partnerships/:partnershipId/actions/download.csv', view, async (request, reply) => {
    const listed = await actions.actionLog(partnershipIdOf(request), viewerOf(request), actionFilterOf(request).filter);
    return sendCsv(reply, 'Action log', [actionHeadings, ...listed.map(actionRow)]);
  });

  async function renderAction(
    request: FastifyRequest<{ Params: ActionParams }>,
    reply: FastifyReply,
    typed: TypedValues,
    errors: FormErrors | null,
    version?: number,
  ) {
    const { action, updates } = await actions.action(request.params.partnershipId, request.params.id, viewerOf(request));
    if (errors) reply.code(400);
    return pages.render(request, reply, 'actions/views/action.njk', {
      title: `Action: ${action.description}`,
      action,
      status: nameOf(actionStatusNames, action.status),
      updates: updates.map((update) => ({ ...update, status: nameOf(actionStatusNames, update.status) })),
      fields: actionUpdateFields,
      values: { status: action.status, ...typed },
      errors,
      version: version ?? action.version,
      mayUpdate: await actions.mayUpdateAction(request.params.partnershipId, action, viewerOf(request)),
      breadcrumbs: [...partnershipCrumbs(request), { text: 'Action log', href: `/partnerships/${request.params.partnershipId}/actions` }],
    });
  }

  app.get<{ Params: ActionParams }>('/partnerships/:partnershipId/actions/:id', view, (request, reply) =>
    renderAction(request, reply, {}, null),
  );

  // Any member of the partnership may try; the service lets officers and the action's owners through.
  app.post<{ Params: ActionParams }>(
    '/partnerships/:partnershipId/actions/:id',
    { config: { access: 'partnership:member' } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const version = versionOf(body);
      const result = readForm(actionUpdateSchema, actionUpdateFields, body);
      if (!result.ok) return renderAction(request, reply, result.typed, result.errors, version);
      const { partnershipId, id } = request.params;
      try {
        await actions.updateAction(actorOf(request), partnershipId, id, version, result.value, viewerOf(request));
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return renderAction(
          request,
          reply,
          typedValues(actionUpdateFields, body),
          errorsFor(actionUpdateFields, { form: error.message }),
          error.currentVersion,
        );
      }
      request.session.flash = 'Update added';
      return reply.redirect(`/partnerships/${partnershipId}/actions/${id}`);
    },
  );
}

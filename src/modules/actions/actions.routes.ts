/** The action log, an action's page, and the updates its owners add: under /partnerships/:partnershipId/actions. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatDate } from '../../platform/dates.ts';
import { nameOf } from '../../platform/inputs.ts';
import { kept } from '../../platform/kept.ts';
import { isOfficer } from '../../platform/policy.ts';
import { sendCsv } from '../../web/csv.ts';
import { attempt, errorsFor, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { endsOf, type Pagination, paginate } from '../../web/pagination.ts';
import { EncodedHtml } from '../../web/render.ts';
import { keptPageKey, principalOf } from '../../web/permissions.ts';
import { versionOf } from '../../web/query.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import { safeReturnTo } from '../../web/returnTo.ts';
import { formBody, partnershipParams, queryText, recordParams } from '../../web/schemas.ts';
import { actionStatuses, actionStatusNames } from './actionStatus.ts';
import { actionUpdateFields, ownerFields, ownerOptions } from './actions.forms.ts';
import { actionUpdateSchema } from './actions.inputs.ts';
import { ownerSchema } from './owners.ts';
import { actionKeyOf, type ActionsService, type LoggedAction } from './actions.service.ts';

/** Where an action agreed outside a meeting was set: a month's tasking, say, with the page that set it. */
export interface AgreedElsewhere {
  text: string;
  href: string;
}

/** What the action pages need from other modules. */
export interface ActionRouteDependencies {
  actions: ActionsService;
  groups: (partnershipId: string) => Promise<{ id: string; name: string }[]>;
  /** Of these actions (none agreed at a meeting), those set by another module's page, by action id. */
  agreedElsewhere: (partnershipId: string, actionIds: readonly string[]) => Promise<ReadonlyMap<string, AgreedElsewhere>>;
  /** The partnership's count of changes and the minute: while it stands, a page of the log reads the same (decision 0057). */
  pageVersion: (partnershipId: string) => Promise<string>;
}

/** A page of the log as drawn for one reader, and how many actions match (a page past the last is sent there). */
interface LogPage {
  total: number;
  body: EncodedHtml;
}

/** Where each action was agreed: at a meeting by its date, by another module's page, else in the community safety plan. */
async function agreedAtOf(deps: ActionRouteDependencies, partnershipId: string, listed: readonly LoggedAction[]) {
  const elsewhere = await deps.agreedElsewhere(
    partnershipId,
    listed.filter((action) => !action.meetingId).map((action) => action.id),
  );
  return (action: LoggedAction): { text: string; href: string | null } =>
    action.meetingDate
      ? { text: formatDate(action.meetingDate), href: null }
      : (elsewhere.get(action.id) ?? { text: 'Community safety plan', href: null });
}

const actionHeadings = ['Action', 'Who', 'Due', 'Status', 'Group', 'Agreed at'];
const actionRow = (action: LoggedAction, agreedAt: { text: string }) => [
  action.description,
  action.owner,
  formatDate(action.dueDate),
  action.overdue ? `${nameOf(actionStatusNames, action.status)} (overdue)` : nameOf(actionStatusNames, action.status),
  action.groupName,
  agreedAt.text,
];

const logQuery = z.object({
  groupId: queryText,
  status: queryText,
  owner: queryText,
  overdue: queryText,
  page: queryText,
  after: queryText,
  before: queryText,
});
type LogQuery = z.output<typeof logQuery>;
/** The query values that say where in the log a page is, not which actions: the download is of them all. */
const placeInList = new Set(['page', 'after', 'before']);

/** The filter as the service takes it: a status that is not one is no filter, as an unknown group is none. */
const filterOf = (query: LogQuery) => ({
  groupId: query.groupId || undefined,
  status: actionStatuses.find((status) => status === query.status),
  owner: query.owner?.trim() || undefined,
  overdue: query.overdue === 'yes',
});

const view = { access: 'partnership:view' } as const;
const manage = { access: 'partnership:manage' } as const;

/** An owner written in words is resolved to a person or an organisation: "Someone else" is what it already is. */
const resolveFields = ownerFields(['person', 'organisation']);
const writtenQuery = z.object({ owner: queryText });

export const actionRoutes: ModuleRoutes<ActionRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/actions',
  plugin(instance, { pages, deps }, done) {
    const { actions, groups, pageVersion } = deps;
    const app = instance.withTypeProvider<ZodTypeProvider>();

    /**
     * A page of the log drawn as one reader asks for it (the reader, the filter and the place in the log), kept while
     * nothing it is read from changes, to the minute (decision 0057: the partnership's count of changes); the layout
     * around it is the request's own.
     */
    const logPages = kept<LogPage>(256);
    const logPage = async (request: FastifyRequest, partnershipId: string, query: LogQuery, pagination: Pagination): Promise<LogPage> => {
      const principal = principalOf(request);
      const path = `/partnerships/${partnershipId}/actions`;
      const [{ actions: listed, total }, allGroups] = await Promise.all([
        actions.actionLogPage(partnershipId, principal, filterOf(query), pagination),
        groups(partnershipId),
      ]);
      const agreedAt = await agreedAtOf(deps, partnershipId, listed);
      const search = new URLSearchParams(
        Object.entries(query).filter((entry): entry is [string, string] => !placeInList.has(entry[0]) && Boolean(entry[1])),
      );
      const body = pages.fragment('actions/views/actions-body.njk', {
        filter: query,
        groups: allGroups,
        statuses: actionStatusNames,
        actions: listed.map((a) => {
          const at = agreedAt(a);
          return { ...a, cells: actionRow(a, at), agreedAtHref: at.href };
        }),
        total,
        pagination: pagination.links(total, endsOf(listed, actionKeyOf)),
        headings: actionHeadings,
        ownersToResolve: isOfficer(principal, partnershipId) ? await actions.countOwnersToResolve(partnershipId) : 0,
        ownersHref: `${path}/owners`,
        seesEveryPartTwo: isOfficer(principal, partnershipId),
        download: `${path}/download.csv?${String(search)}`,
      });
      return { total, body: new EncodedHtml(body) };
    };

    app.get('', { config: view, schema: { params: partnershipParams, querystring: logQuery } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const pagination = paginate(`/partnerships/${partnershipId}/actions`, request.query);
      const key = keptPageKey(request, await pageVersion(partnershipId), request.query);
      const { total, body } = await logPages(key, () => logPage(request, partnershipId, request.query, pagination));
      const lastPage = pagination.beyondEnd(total);
      if (lastPage) return reply.redirect(lastPage);
      return pages.render(request, reply, 'kept-page.njk', {
        title: 'Action log',
        body,
        breadcrumbs: partnershipCrumbs(request),
      });
    });

    app.get('/download.csv', { config: view, schema: { params: partnershipParams, querystring: logQuery } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const listed = await actions.actionLog(partnershipId, principalOf(request), filterOf(request.query));
      const agreedAt = await agreedAtOf(deps, partnershipId, listed);
      return sendCsv(reply, 'Action log', [actionHeadings, ...listed.map((action) => actionRow(action, agreedAt(action)))]);
    });

    app.get('/owners', { config: manage, schema: { params: partnershipParams } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const path = `/partnerships/${partnershipId}/actions`;
      return pages.render(request, reply, 'actions/views/owners.njk', {
        title: 'Owners to resolve',
        owners: (await actions.ownersToResolve(partnershipId)).map((owner) => ({
          ...owner,
          href: `${path}/owners/choose?${String(new URLSearchParams({ owner: owner.owner }))}`,
        })),
        back: path,
        breadcrumbs: [...partnershipCrumbs(request), { text: 'Action log', href: path }],
      });
    });

    /** The form that chooses who the words are: the owner written is in its address, as the list links to it. */
    async function renderChoose(
      request: FastifyRequest,
      reply: FastifyReply,
      partnershipId: string,
      written: string,
      state: { typed: TypedValues; errors: FormErrors | null },
    ) {
      const path = `/partnerships/${partnershipId}/actions`;
      const named = (await actions.ownersToResolve(partnershipId)).find((owner) => owner.owner === written);
      // Resolved meanwhile (perhaps by a colleague), or never one: the list says what is left.
      if (!named) {
        request.session.flash = `No actions are owned by “${written}” in words now`;
        return reply.redirect(`${path}/owners`);
      }
      if (state.errors) reply.code(400);
      return pages.render(request, reply, 'records/form.njk', {
        title: `Who is “${written}”?`,
        intro: `${named.actions} ${named.actions === 1 ? 'action is' : 'actions are'} owned by “${written}”. All of them will be owned by the person or organisation you choose. The change is recorded in the audit log.`,
        action: `${path}/owners/choose?${String(new URLSearchParams({ owner: written }))}`,
        fields: resolveFields,
        values: state.typed,
        errors: state.errors,
        options: ownerOptions(await actions.ownerRecords(partnershipId)),
        submitText: 'Save owner',
        cancel: `${path}/owners`,
        breadcrumbs: [
          ...partnershipCrumbs(request),
          { text: 'Action log', href: path },
          { text: 'Owners to resolve', href: `${path}/owners` },
        ],
      });
    }

    app.get('/owners/choose', { config: manage, schema: { params: partnershipParams, querystring: writtenQuery } }, (request, reply) =>
      renderChoose(request, reply, request.params.partnershipId, request.query.owner ?? '', { typed: {}, errors: null }),
    );

    app.post(
      '/owners/choose',
      { config: manage, schema: { params: partnershipParams, querystring: writtenQuery, body: formBody } },
      async (request, reply) => {
        const { partnershipId } = request.params;
        const written = request.query.owner ?? '';
        const result = readForm(ownerSchema, resolveFields, request.body);
        if (!result.ok) return renderChoose(request, reply, partnershipId, written, { typed: result.typed, errors: result.errors });
        const saved = await attempt(() => actions.resolveOwner(principalOf(request), partnershipId, written, result.value));
        if (!saved.ok) {
          return renderChoose(request, reply, partnershipId, written, {
            typed: typedValues(resolveFields, request.body),
            errors: errorsFor(resolveFields, saved.byField),
          });
        }
        request.session.flash = `Owner chosen for ${saved.value} ${saved.value === 1 ? 'action' : 'actions'} of “${written}”`;
        return reply.redirect(`/partnerships/${partnershipId}/actions/owners`);
      },
    );

    async function renderAction(
      request: FastifyRequest,
      reply: FastifyReply,
      { partnershipId, id }: z.output<typeof recordParams>,
      state: { typed: TypedValues; errors: FormErrors | null; version?: number; returnTo?: string | null },
    ) {
      const principal = principalOf(request);
      const { action, updates } = await actions.action(partnershipId, id, principal);
      const agreedAt = (await agreedAtOf(deps, partnershipId, [action]))(action);
      if (state.errors) reply.code(400);
      return pages.render(request, reply, 'actions/views/action.njk', {
        title: `Action: ${action.description}`,
        action,
        agreedElsewhere: agreedAt.href ? agreedAt : null,
        status: nameOf(actionStatusNames, action.status),
        updates: updates.map((update) => ({ ...update, status: nameOf(actionStatusNames, update.status) })),
        fields: actionUpdateFields,
        values: { status: action.status, ...state.typed },
        errors: state.errors,
        version: state.version ?? action.version,
        returnTo: state.returnTo ?? null,
        mayUpdate: await actions.mayUpdateAction(partnershipId, action, principal),
        breadcrumbs: [...partnershipCrumbs(request), { text: 'Action log', href: `/partnerships/${partnershipId}/actions` }],
      });
    }

    app.get('/:id', { config: view, schema: { params: recordParams } }, (request, reply) =>
      renderAction(request, reply, request.params, { typed: {}, errors: null }),
    );

    // Any member of the partnership may try; the policy lets officers and the action's owners through.
    app.post(
      '/:id',
      { config: { access: 'partnership:member' }, schema: { params: recordParams, body: formBody } },
      async (request, reply) => {
        const version = versionOf(request.body);
        // A form on another page (My work) names the page to return to; a problem is shown here, with it kept.
        const returnTo = safeReturnTo(request.body.returnTo);
        const result = readForm(actionUpdateSchema, actionUpdateFields, request.body);
        if (!result.ok) {
          return renderAction(request, reply, request.params, { typed: result.typed, errors: result.errors, version, returnTo });
        }
        const { partnershipId, id } = request.params;
        const saved = await attempt(() => actions.updateAction(principalOf(request), partnershipId, id, version, result.value));
        if (!saved.ok) {
          return renderAction(request, reply, request.params, {
            typed: typedValues(actionUpdateFields, request.body),
            errors: errorsFor(actionUpdateFields, saved.byField),
            version: saved.version ?? version,
            returnTo,
          });
        }
        request.session.flash = 'Update added';
        return reply.redirect(returnTo ?? `/partnerships/${partnershipId}/actions/${id}`);
      },
    );
    done();
  },
};

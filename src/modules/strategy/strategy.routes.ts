/**
 * The strategy pages: the strategy home, each year's strategic assessment with its documents, the
 * priorities it sets and their indicators, the objectives of the community safety plan with the actions
 * that deliver them, and the whole plan on one printable page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { financialYearName, formatDate } from '../../platform/dates.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { attempt, errorsFor, type Field, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import { nameOf } from '../../platform/inputs.ts';
import { isAllowed } from '../../platform/policy.ts';
import { queryValues, versionOf } from '../../web/query.ts';
import { type Crumb, partnershipCrumbs, recordChoices, registerRecordPages } from '../../web/recordPages.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { formBody, partnershipParams, recordParams, uploadBody } from '../../web/schemas.ts';
import { sendStoredFile, uploadedFile, withUpload } from '../../web/uploads.ts';
import { actionFields, actionSchema, type ActionsService, actionStatusNames, type LoggedAction, ownerOptions } from '../actions/index.ts';
import { maxPaperBytes, maxPaperSizeText } from '../../platform/documentFiles.ts';
import { assessmentSchema, documentSchema, objectiveSchema, prioritySchema } from './strategy.inputs.ts';
import { assessmentFields, documentFields, objectiveFields, ownershipNames, priorityFields } from './strategy.forms.ts';
import type { AssessmentRow, PriorityView, StrategyService } from './strategy.service.ts';
import { principalOf } from '../../web/permissions.ts';

/** An indicator of the performance module linked to a priority, as the priority's page shows it. */
export interface PriorityIndicator {
  name: string;
  href: string;
  /** The latest figure, written out (e.g. "1,832 (2015/16)"). */
  latest: string;
  /** Status against target in the words of the documents, e.g. "Not on target". */
  status: string;
  rag: 'green' | 'amber' | 'red' | 'grey';
}

export interface StrategyRouteDependencies {
  strategy: StrategyService;
  /** The partnership's groups, archived ones too: a priority keeps the owner it had. */
  groups: (partnershipId: string) => Promise<{ id: string; name: string; archivedAt: string | null }[]>;
  /** The indicators linked to a priority, with their latest figure and status: given by the performance module. */
  indicatorsForPriority: (partnershipId: string, priorityId: string) => Promise<PriorityIndicator[]>;
  /** The partnership's people and organisations, to choose an action's owner from (from the actions module). */
  actionOwners: ActionsService['ownerRecords'];
}

/** GOV.UK tag colours for a RAG rating: amber is the yellow tag. */
const ragTagClasses = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--yellow',
  red: 'govuk-tag--red',
  grey: 'govuk-tag--grey',
} as const;

const documentParams = recordParams.extend({ documentId: z.string() });

const strategyPath = (partnershipId: string) => `/partnerships/${partnershipId}/strategy`;
const assessmentPath = (partnershipId: string, id: string) => `${strategyPath(partnershipId)}/assessments/${id}`;
const priorityPath = (partnershipId: string, id: string) => `${strategyPath(partnershipId)}/priorities/${id}`;
const objectivePath = (partnershipId: string, id: string) => `${strategyPath(partnershipId)}/objectives/${id}`;

const strategyCrumbs = (request: FastifyRequest): Crumb[] => [
  ...partnershipCrumbs(request),
  { text: 'Strategy', href: strategyPath(request.partnership?.id ?? '') },
];
/** The crumb of the assessment a page belongs to: of its priority or objective, or the assessment itself. */
const assessmentCrumb = (partnershipId: string, assessmentId: string, yearStarting: number): Crumb => ({
  text: `Strategic assessment ${financialYearName(yearStarting)}`,
  href: assessmentPath(partnershipId, assessmentId),
});

/** Who owns a priority, in words. */
const ownerText = (priority: { ownerGroupId: string | null; ownerGroupName: string | null }): string =>
  priority.ownerGroupId ? (priority.ownerGroupName ?? '') : ownershipNames.cross_cutting;

/** An action of the plan as the strategy pages list it. */
const actionRow = (action: LoggedAction) => ({
  href: `/partnerships/${action.partnershipId}/actions/${action.id}`,
  description: action.description,
  owner: action.owner,
  due: formatDate(action.dueDate) || 'No date set',
  status: nameOf(actionStatusNames, action.status),
  overdue: action.overdue,
  groupName: action.groupName,
});

const fileField = 'file';
/** The fields in page order, for the error summary; the file input itself is drawn by the page. */
const uploadFields: Field[] = [...documentFields, { name: fileField, label: 'File', kind: 'text' }];

const view = { access: 'partnership:view' } as const;
const manage = { access: 'partnership:manage' } as const;

/** The strategy pages, under /partnerships/:partnershipId/strategy. */
export const strategyRoutes: ModuleRoutes<StrategyRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/strategy',
  plugin(instance, { pages, deps: { strategy, groups, indicatorsForPriority, actionOwners } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const access = { view: 'partnership:view', manage: 'partnership:manage' } as const;
    const canManage = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:manage', request.partnership);
    const everything = { includeArchived: true };
    const yearAndTitle = (assessment: AssessmentRow) => `${financialYearName(assessment.yearStarting)}: ${assessment.title}`;
    const yearAndPriority = (priority: PriorityView) => `${financialYearName(priority.yearStarting)}: ${priority.title}`;
    /** A record chosen on the page the user came from, e.g. the assessment a priority is added to. */
    const chosenOnPageBefore = (name: string) => (request: FastifyRequest) => {
      const chosen = queryValues(request.query, [name])[name];
      return chosen ? { [name]: chosen } : {};
    };

    app.get('', { config: view, schema: { params: partnershipParams } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const { assessments, current, priorities } = await strategy.overview(partnershipId);
      return pages.render(request, reply, 'strategy/views/strategy.njk', {
        title: 'Strategy',
        base: strategyPath(partnershipId),
        assessments: assessments.map((assessment) => ({ ...assessment, year: financialYearName(assessment.yearStarting) })),
        current: current ? { ...current, year: financialYearName(current.yearStarting) } : null,
        priorities: priorities.map((priority) => ({ ...priority, owner: ownerText(priority) })),
        canManage: canManage(request),
        breadcrumbs: partnershipCrumbs(request),
      });
    });

    registerRecordPages(app, pages, {
      basePath: '/assessments',
      noun: 'strategic assessment',
      pluralTitle: 'Strategic assessments',
      access,
      service: strategy.assessments,
      fields: assessmentFields,
      schema: assessmentSchema,
      titleOf: (assessment) => assessment.title,
      intro: 'Each year’s strategic assessment: the analysis that sets the partnership’s priorities.',
      columns: [
        { heading: 'Year', cell: (assessment) => financialYearName(assessment.yearStarting) },
        { heading: 'Title', cell: (assessment) => assessment.title },
      ],
      crumbs: strategyCrumbs,
      customView: true,
    });

    app.get('/assessments/:id', { config: view, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const { assessment, documents, priorities } = await strategy.assessment(partnershipId, id);
      return pages.render(request, reply, 'strategy/views/assessment.njk', {
        title: assessment.title,
        assessment,
        year: financialYearName(assessment.yearStarting),
        base: assessmentPath(partnershipId, id),
        documents,
        priorities: priorities.map((priority) => ({ ...priority, owner: ownerText(priority) })),
        canManage: canManage(request),
        breadcrumbs: [...strategyCrumbs(request), { text: 'Strategic assessments', href: `${strategyPath(partnershipId)}/assessments` }],
      });
    });

    app.get('/assessments/:id/plan', { config: view, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const { assessment, priorities } = await strategy.plan(partnershipId, id);
      const year = financialYearName(assessment.yearStarting);
      return pages.render(request, reply, 'strategy/views/plan.njk', {
        title: `Community safety plan ${year}`,
        partnershipName: request.partnership?.name ?? '',
        assessment,
        year,
        priorities: priorities.map((priority) => ({
          ...priority,
          owner: ownerText(priority),
          href: priorityPath(partnershipId, priority.id),
          objectives: priority.objectives.map((objective) => ({
            ...objective,
            href: objectivePath(partnershipId, objective.id),
            actions: objective.actions.map(actionRow),
          })),
        })),
        breadcrumbs: [...strategyCrumbs(request), assessmentCrumb(partnershipId, assessment.id, assessment.yearStarting)],
      });
    });

    async function renderUpload(
      request: FastifyRequest,
      reply: FastifyReply,
      { partnershipId, id }: z.output<typeof recordParams>,
      state: { values: TypedValues; errors: FormErrors | null },
    ) {
      const assessment = await strategy.assessments.get(partnershipId, id);
      if (state.errors) reply.code(400);
      return pages.render(request, reply, 'strategy/views/document-upload.njk', {
        title: `Add a document to the strategic assessment ${financialYearName(assessment.yearStarting)}`,
        fields: documentFields,
        values: state.values,
        errors: state.errors,
        maxSize: maxPaperSizeText,
        action: `${assessmentPath(partnershipId, id)}/documents`,
        cancel: `${assessmentPath(partnershipId, id)}#documents`,
        breadcrumbs: [...strategyCrumbs(request), assessmentCrumb(partnershipId, assessment.id, assessment.yearStarting)],
      });
    }

    app.get('/assessments/:id/documents/new', { config: manage, schema: { params: recordParams } }, (request, reply) =>
      renderUpload(request, reply, request.params, { values: {}, errors: null }),
    );

    withUpload(app, maxPaperBytes, (scope) => {
      scope
        .withTypeProvider<ZodTypeProvider>()
        .post(
          '/assessments/:id/documents',
          { config: manage, schema: { params: recordParams, body: uploadBody } },
          async (request, reply) => {
            const { body } = request;
            const form = readForm(documentSchema, documentFields, body);
            const upload = uploadedFile(body, fileField, maxPaperSizeText);
            const typed = typedValues(documentFields, body);
            if (!form.ok || 'problem' in upload) {
              const byField = { ...(form.ok ? {} : form.errors.byField), ...('problem' in upload ? { [fileField]: upload.problem } : {}) };
              return renderUpload(request, reply, request.params, { values: typed, errors: errorsFor(uploadFields, byField) });
            }
            const { partnershipId, id } = request.params;
            const { fileName, bytes } = upload.file;
            const attached = await attempt(() =>
              strategy.attachDocument(principalOf(request), partnershipId, id, { fileName, bytes, title: form.value.title }),
            );
            if (!attached.ok)
              return renderUpload(request, reply, request.params, { values: typed, errors: errorsFor(uploadFields, attached.byField) });
            request.session.flash = `Document "${form.value.title ?? fileName}" added`;
            return reply.redirect(`${assessmentPath(partnershipId, id)}#documents`);
          },
        );
    });

    app.get('/assessments/:id/documents/:documentId', { config: view, schema: { params: documentParams } }, async (request, reply) => {
      const { partnershipId, id, documentId } = request.params;
      const { document, content } = await strategy.document(partnershipId, id, documentId);
      return sendStoredFile(reply, document, content);
    });

    app.post(
      '/assessments/:id/documents/:documentId/remove',
      { config: manage, schema: { params: documentParams, body: formBody } },
      async (request, reply) => {
        const { partnershipId, id, documentId } = request.params;
        await reportOnNextPage(request, async () => {
          await strategy.removeDocument(principalOf(request), partnershipId, id, documentId, versionOf(request.body));
          return 'Document removed';
        });
        return reply.redirect(`${assessmentPath(partnershipId, id)}#documents`);
      },
    );

    registerRecordPages(app, pages, {
      basePath: '/priorities',
      noun: 'priority',
      pluralTitle: 'Priorities',
      access,
      service: strategy.priorities,
      fields: priorityFields,
      schema: prioritySchema,
      titleOf: (priority) => priority.title,
      intro: 'The priorities each year’s strategic assessment set, and who owns them.',
      columns: [
        { heading: 'Priority', cell: (priority) => priority.title },
        { heading: 'Year', cell: (priority) => financialYearName(priority.yearStarting) },
        { heading: 'Owned by', cell: ownerText },
      ],
      async options(partnershipId, values) {
        const [assessments, owners] = await Promise.all([
          strategy.assessments.list(partnershipId, everything),
          groups(partnershipId ?? ''),
        ]);
        return {
          assessmentId: recordChoices(assessments, values, 'assessmentId', yearAndTitle),
          ownerGroupId: recordChoices(owners, values, 'ownerGroupId', (group) => group.name),
        };
      },
      formValues: (priority) => ({ ...priority, ownership: priority.ownerGroupId ? 'group' : 'cross_cutting' }),
      defaults: chosenOnPageBefore('assessmentId'),
      crumbs: strategyCrumbs,
      customView: true,
    });

    app.get('/priorities/:id', { config: view, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const [{ priority, actionOwner, objectives, openActions }, indicators] = await Promise.all([
        strategy.priority(partnershipId, id),
        indicatorsForPriority(partnershipId, id),
      ]);
      const open = new Set(openActions.map((action) => action.id));
      return pages.render(request, reply, 'strategy/views/priority.njk', {
        title: priority.title,
        priority,
        year: financialYearName(priority.yearStarting),
        owner: ownerText(priority),
        actionOwner,
        base: priorityPath(partnershipId, id),
        strategyBase: strategyPath(partnershipId),
        objectives: objectives.map((objective) => ({
          ...objective,
          href: objectivePath(partnershipId, objective.id),
          stillToDo: objective.actions.filter((action) => open.has(action.id)).length,
        })),
        indicators: indicators.map((indicator) => ({ ...indicator, tagClass: ragTagClasses[indicator.rag] })),
        openActions: openActions.map(actionRow),
        canManage: canManage(request),
        breadcrumbs: [...strategyCrumbs(request), assessmentCrumb(partnershipId, priority.assessmentId, priority.yearStarting)],
      });
    });

    registerRecordPages(app, pages, {
      basePath: '/objectives',
      noun: 'objective',
      pluralTitle: 'Objectives',
      access,
      service: strategy.objectives,
      fields: objectiveFields,
      schema: objectiveSchema,
      titleOf: (objective) => objective.title,
      intro: 'The objectives of the community safety plan, under the priorities they deliver.',
      columns: [
        { heading: 'Objective', cell: (objective) => objective.title },
        { heading: 'Priority', cell: (objective) => objective.priorityTitle },
        { heading: 'Year', cell: (objective) => financialYearName(objective.yearStarting) },
      ],
      summary: (objective) => [
        { key: 'Priority', value: objective.priorityTitle, href: priorityPath(objective.partnershipId, objective.priorityId) },
        { key: 'Year', value: financialYearName(objective.yearStarting) },
        { key: 'Owned by', value: ownerText(objective) },
        { key: 'Description', value: objective.description ?? 'None' },
      ],
      async sections(partnershipId, record) {
        const { objective, actionOwner } = await strategy.objective(partnershipId ?? '', record.id);
        return [
          {
            title: 'Actions',
            head: ['Action', 'Who', 'Due', 'Status'],
            rows: objective.actions.map(actionRow).map((action) => ({
              href: action.href,
              cells: [action.description, action.owner, action.due, action.overdue ? `${action.status} (overdue)` : action.status],
            })),
            emptyText: actionOwner
              ? `No actions yet. Actions added here go into the action log of the ${actionOwner.name}.`
              : 'No actions yet.',
            addLink: { text: 'Add an action', href: `${objectivePath(partnershipId ?? '', record.id)}/actions/new` },
          },
        ];
      },
      async options(partnershipId, values) {
        return {
          priorityId: recordChoices(await strategy.priorities.list(partnershipId, everything), values, 'priorityId', yearAndPriority),
        };
      },
      defaults: chosenOnPageBefore('priorityId'),
      crumbs: strategyCrumbs,
    });

    registerFormPage(app, pages, {
      path: '/objectives/:id/actions/new',
      action: '/objectives/:id/actions',
      access: 'partnership:manage',
      params: recordParams,
      fields: actionFields,
      schema: actionSchema,
      load: (request) => strategy.objective(request.params.partnershipId, request.params.id),
      title: ({ objective }) => `Add an action: ${objective.title}`,
      intro: ({ actionOwner }) =>
        actionOwner
          ? `The action goes into the action log of the ${actionOwner.name}, as an action of the community safety plan.`
          : 'The partnership has no board to keep the actions of this cross-cutting priority.',
      submitText: 'Add action',
      crumbs: (request, { objective }) => [
        ...strategyCrumbs(request),
        assessmentCrumb(objective.partnershipId, objective.assessmentId, objective.yearStarting),
        { text: objective.priorityTitle, href: priorityPath(objective.partnershipId, objective.priorityId) },
        { text: objective.title, href: objectivePath(objective.partnershipId, objective.id) },
      ],
      back: (_request, { objective }) => objectivePath(objective.partnershipId, objective.id),
      initialValues: () => ({}),
      options: async (request) => ownerOptions(await actionOwners(request.params.partnershipId)),
      async save(request, value, _version, { objective }) {
        const { owner } = await strategy.addPlanAction(principalOf(request), objective.partnershipId, objective.id, value);
        return {
          redirect: `${priorityPath(objective.partnershipId, objective.priorityId)}#objective-${objective.id}`,
          flash: `Action added to the action log of the ${owner.name}`,
        };
      },
    });
    done();
  },
};

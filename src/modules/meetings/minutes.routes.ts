import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reportOnNextPage } from '../../web/buttons.ts';
import type { z } from 'zod';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import { sendCsv } from '../../web/csv.ts';
import { errorsFor, type Field, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import { nameOf } from '../../platform/inputs.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { paginate } from '../../web/pagination.ts';
import { isAllowed, isOfficer } from '../../platform/policy.ts';
import { principalOf } from '../../web/permissions.ts';
import { queryValues, versionOf } from '../../web/query.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import { actionFields, actionSchema } from '../actions/index.ts';
import type { GovernanceService } from '../governance/index.ts';
import {
  amendmentFields,
  amendmentSchema,
  approveFields,
  approveSchema,
  decisionFields,
  decisionSchema,
  declarationFields,
  declarationSchema,
  narrativeFields,
  narrativeSchema,
} from './meetings.schemas.ts';
import type { MeetingsService } from './meetings.service.ts';
import type { MinutesService, RegisteredDecision } from './minutes.service.ts';
import { outcomeNames } from './outcomes.ts';

interface ItemParams {
  partnershipId: string;
  id: string;
  itemId: string;
}

export function describeDecision(decision: RegisteredDecision): string {
  if (decision.deferredForQuorum) return 'Deferred to the next meeting (the meeting was not quorate)';
  const { vote } = decision;
  const result = vote && (vote.carried ? 'carried' : `not carried: ${vote.needed} votes for were needed`);
  const votes =
    decision.votesFor === null
      ? ''
      : ` (for ${decision.votesFor}, against ${decision.votesAgainst ?? 0}, abstaining ${decision.votesAbstaining ?? 0}; ${result})`;
  const to = decision.recommendedTo ? ` to ${decision.recommendedTo}` : '';
  return `${nameOf(outcomeNames, decision.outcome)}${to}${votes}`;
}

const decisionHeadings = ['Decision', 'Outcome', 'Item', 'Group', 'Meeting'];
const decisionRow = (decision: RegisteredDecision) => [
  decision.wording,
  describeDecision(decision),
  decision.itemTitle,
  decision.groupName,
  formatDate(decision.meetingDate),
];

export function registerMinutesRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  { minutes, meetings }: { minutes: MinutesService; meetings: MeetingsService },
  governance: GovernanceService,
): void {
  const view = { config: { access: 'partnership:view' as const } };
  const manage = { config: { access: 'partnership:manage' as const } };
  const itemPath = '/partnerships/:partnershipId/meetings/:id/items/:itemId/minutes';
  const hrefOf = ({ partnershipId, id, itemId }: ItemParams) => `/partnerships/${partnershipId}/meetings/${id}/items/${itemId}/minutes`;

  async function renderItem(
    request: FastifyRequest<{ Params: ItemParams }>,
    reply: FastifyReply,
    typed: TypedValues,
    errors: FormErrors | null,
  ) {
    const { partnershipId, id, itemId } = request.params;
    const record = await minutes.readItemMinutes(principalOf(request), partnershipId, id, itemId);
    const [members, interests] = await Promise.all([
      governance.membershipsOn(partnershipId, record.meeting.groupId, record.meeting.meetingDate),
      governance.listInterests(partnershipId, {}),
    ]);
    if (errors) reply.code(400);
    const meetingHref = `/partnerships/${partnershipId}/meetings/${id}`;
    return pages.render(request, reply, 'meetings/views/item-minutes.njk', {
      title: `Minutes: ${record.item.title}`,
      record,
      values: { narrative: record.narrative, outcome: 'agreed', ...typed },
      errors,
      fields: { narrative: narrativeFields, decision: decisionFields, action: actionFields, declaration: declarationFields },
      options: {
        personId: members.map((m) => ({ value: m.personId, text: `${m.personName} (${m.organisationName})` })),
        interestId: interests.filter((i) => i.endedOn === null).map((i) => ({ value: i.id, text: `${i.personName}: ${i.description}` })),
      },
      decisions: record.decisions.map((d) => ({ ...d, standing: describeDecision(d) })),
      actions: record.actions,
      action: hrefOf(request.params),
      canManage: isAllowed(request.principal, 'partnership:manage', request.partnership) && record.meeting.status !== 'cancelled',
      breadcrumbs: [
        ...partnershipCrumbs(request),
        { text: 'Meetings', href: `/partnerships/${partnershipId}/meetings` },
        { text: `${record.meeting.groupName}, ${formatDate(record.meeting.meetingDate)}`, href: meetingHref },
      ],
    });
  }

  app.get<{ Params: ItemParams }>(itemPath, view, (request, reply) => renderItem(request, reply, {}, null));

  /** The three forms on an item's minutes page post here; a problem shows the page again with the form as typed. */
  function postFromItemPage<S extends z.ZodType>(
    suffix: string,
    fields: Field[],
    schema: S,
    save: (request: FastifyRequest<{ Params: ItemParams }>, value: z.output<S>, version: number) => Promise<string>,
  ) {
    app.post<{ Params: ItemParams }>(`${itemPath}${suffix}`, manage, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const result = readForm(schema, fields, body);
      if (!result.ok) return renderItem(request, reply, result.typed, result.errors);
      try {
        request.session.flash = await save(request, result.value, versionOf(body));
      } catch (error) {
        if (!(error instanceof FieldValidationError || error instanceof ConflictError)) throw error;
        const field = error instanceof FieldValidationError ? error.field : 'form';
        return renderItem(request, reply, typedValues(fields, body), errorsFor(fields, { [field]: error.message }));
      }
      return reply.redirect(hrefOf(request.params));
    });
  }

  postFromItemPage('', narrativeFields, narrativeSchema, async (request, value, version) => {
    const { partnershipId, id, itemId } = request.params;
    await minutes.saveNarrative(principalOf(request), partnershipId, id, itemId, version, value.narrative);
    return 'Minutes saved';
  });
  postFromItemPage('/declarations', declarationFields, declarationSchema, async (request, value) => {
    const { partnershipId, id, itemId } = request.params;
    await minutes.addDeclaration(principalOf(request), partnershipId, id, itemId, value);
    return 'Declaration of interest recorded';
  });
  postFromItemPage('/decisions', decisionFields, decisionSchema, async (request, value) => {
    const { partnershipId, id, itemId } = request.params;
    await minutes.addDecision(principalOf(request), partnershipId, id, itemId, value);
    return 'Decision recorded';
  });
  postFromItemPage('/actions', actionFields, actionSchema, async (request, value) => {
    const { partnershipId, id, itemId } = request.params;
    await minutes.addAction(principalOf(request), partnershipId, id, itemId, value);
    return `Action recorded for ${value.owner}`;
  });

  const partnershipIdOf = (request: FastifyRequest) => (request.params as { partnershipId: string }).partnershipId;

  const searchOf = (request: FastifyRequest) => queryValues(request.query, ['q', 'page']);

  app.get('/partnerships/:partnershipId/decisions', view, async (request, reply) => {
    const query = searchOf(request);
    const path = `/partnerships/${partnershipIdOf(request)}/decisions`;
    const pagination = paginate(path, query);
    const search = query.q?.trim() ?? '';
    const { decisions, total } = await minutes.decisionsRegisterPage(
      partnershipIdOf(request),
      principalOf(request),
      search || undefined,
      pagination,
    );
    return pages.render(request, reply, 'meetings/views/decisions.njk', {
      title: 'Decisions register',
      search,
      decisions: decisions.map((d) => ({ ...d, cells: decisionRow(d) })),
      total,
      pagination: pagination.links(total),
      headings: decisionHeadings,
      seesEveryPartTwo: isOfficer(principalOf(request), partnershipIdOf(request)),
      download: `${path}/download.csv${search ? `?q=${encodeURIComponent(search)}` : ''}`,
      breadcrumbs: partnershipCrumbs(request),
    });
  });

  app.get('/partnerships/:partnershipId/decisions/download.csv', view, async (request, reply) => {
    const decisions = await minutes.decisionsRegister(
      partnershipIdOf(request),
      principalOf(request),
      searchOf(request).q?.trim() || undefined,
    );
    return sendCsv(reply, 'Decisions register', [decisionHeadings, ...decisions.map(decisionRow)]);
  });

  // The life of a meeting's minutes, from the meeting page.
  const lifePath = '/partnerships/:partnershipId/meetings/:id/minutes';
  const meetingHref = (request: FastifyRequest) => {
    const { partnershipId, id } = request.params as { partnershipId: string; id: string };
    return `/partnerships/${partnershipId}/meetings/${id}`;
  };
  const lifeStep = (
    suffix: string,
    access: 'partnership:manage' | 'partnership:chair',
    act: (request: FastifyRequest, version: number) => Promise<string>,
  ) =>
    app.post(`${lifePath}/${suffix}`, { config: { access } }, async (request, reply) => {
      await reportOnNextPage(request, () => act(request, versionOf(request.body)));
      return reply.redirect(`${meetingHref(request)}#minutes`);
    });
  const idsOf = (request: FastifyRequest) => request.params as { partnershipId: string; id: string };

  lifeStep('circulate', 'partnership:manage', async (request, version) => {
    await minutes.circulate(principalOf(request), idsOf(request).partnershipId, idsOf(request).id, version);
    return 'Minutes marked as circulated';
  });
  lifeStep('sign', 'partnership:chair', async (request, version) => {
    await minutes.sign(
      principalOf(request),
      idsOf(request).partnershipId,
      idsOf(request).id,
      version,
      request.principal?.name ?? 'The chair',
    );
    return 'Minutes signed';
  });

  /** The minutes' life with the meeting they record, for the pages that change it. */
  const lifeOf = async (request: FastifyRequest) => {
    const { partnershipId, id } = idsOf(request);
    const [life, { meeting }] = await Promise.all([minutes.life(partnershipId, id), meetings.get(partnershipId, id)]);
    return { life, meeting, named: `${meeting.groupName}, ${describeWhen(meeting.meetingDate, meeting.startTime)}` };
  };
  const meetingCrumbs = (request: FastifyRequest, { named }: Awaited<ReturnType<typeof lifeOf>>) => [
    ...partnershipCrumbs(request),
    { text: 'Meetings', href: `/partnerships/${idsOf(request).partnershipId}/meetings` },
    { text: named, href: meetingHref(request) },
  ];

  registerFormPage(app, pages, {
    path: `${lifePath}/approve`,
    action: `${lifePath}/approve`,
    access: 'partnership:manage',
    fields: approveFields,
    schema: approveSchema,
    load: lifeOf,
    title: () => 'Record the approval of the minutes',
    intro: ({ named }) =>
      `The minutes of ${named} are approved at a later meeting of the group as a true and accurate record. After that they cannot change: corrections are recorded as amendments.`,
    submitText: 'Record approval',
    crumbs: meetingCrumbs,
    back: meetingHref,
    initialValues: () => ({}),
    version: ({ life }) => life.version,
    options: async (request) => ({
      atMeetingId: (await meetings.later(idsOf(request).partnershipId, idsOf(request).id)).map((m) => ({
        value: m.id,
        text: `${formatDate(m.meetingDate)} at ${m.startTime}`,
      })),
    }),
    async save(request, value, version) {
      await minutes.approve(principalOf(request), idsOf(request).partnershipId, idsOf(request).id, version, value.atMeetingId);
      return { redirect: `${meetingHref(request)}#minutes`, flash: 'Minutes approved as a true and accurate record' };
    },
  });

  registerFormPage(app, pages, {
    path: `${lifePath}/amendments/new`,
    action: `${lifePath}/amendments`,
    access: 'partnership:manage',
    fields: amendmentFields,
    schema: amendmentSchema,
    load: lifeOf,
    title: () => 'Record a correction to approved minutes',
    intro: ({ named }) => `A correction to the minutes of ${named}, recorded beside them with who made it and when.`,
    submitText: 'Record correction',
    crumbs: meetingCrumbs,
    back: meetingHref,
    initialValues: () => ({}),
    async save(request, value) {
      await minutes.amend(principalOf(request), idsOf(request).partnershipId, idsOf(request).id, value.correction);
      return { redirect: `${meetingHref(request)}#minutes`, flash: 'Correction recorded' };
    },
  });
}

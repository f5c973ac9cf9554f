/**
 * The minutes: each item's minutes (narrative, decisions, actions, declarations), the decisions register, and
 * the life of a meeting's minutes (circulate, approve, sign, correct). Under /partnerships/:partnershipId.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { sendCsv } from '../../web/csv.ts';
import { attempt, errorsFor, type Field, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import { nameOf } from '../../platform/inputs.ts';
import { registerFormPage } from '../../web/formPage.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { paginate } from '../../web/pagination.ts';
import { isAllowed, isOfficer } from '../../platform/policy.ts';
import { principalOf } from '../../web/permissions.ts';
import { versionOf } from '../../web/query.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import { formBody, partnershipParams, queryText } from '../../web/schemas.ts';
import { actionFields, actionSchema } from '../actions/index.ts';
import { amendmentFields, approveFields, decisionFields, declarationFields, narrativeFields } from './meetings.forms.ts';
import { amendmentSchema, approveSchema, decisionSchema, declarationSchema, narrativeSchema } from './meetings.inputs.ts';
import {
  type ItemParams,
  itemParams,
  meetingHref,
  type MeetingParams,
  meetingParams,
  type MeetingRouteDependencies,
  meetingsCrumbs,
} from './meetings.pages.ts';
import type { RegisteredDecision } from './minutes.service.ts';
import { outcomeNames } from './outcomes.ts';

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

const searchQuery = z.object({ q: queryText, page: queryText });
const view = { access: 'partnership:view' } as const;
const manage = { access: 'partnership:manage' } as const;
const itemMinutesHref = (params: ItemParams) => `${meetingHref(params)}/items/${params.itemId}/minutes`;

export const minutesRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId',
  plugin(instance, { pages, deps: { minutes, meetings, membershipsOn, listInterests } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const itemPath = '/meetings/:id/items/:itemId/minutes';

    async function renderItem(
      request: FastifyRequest,
      params: ItemParams,
      reply: FastifyReply,
      typed: TypedValues,
      errors: FormErrors | null,
    ) {
      const { partnershipId, id, itemId } = params;
      const record = await minutes.readItemMinutes(principalOf(request), partnershipId, id, itemId);
      const [members, interests] = await Promise.all([
        membershipsOn(partnershipId, record.meeting.groupId, record.meeting.meetingDate),
        listInterests(partnershipId, {}),
      ]);
      if (errors) reply.code(400);
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
        action: itemMinutesHref(params),
        canManage: isAllowed(request.principal, 'partnership:manage', request.partnership) && record.meeting.status !== 'cancelled',
        breadcrumbs: meetingsCrumbs(request, partnershipId, {
          text: `${record.meeting.groupName}, ${formatDate(record.meeting.meetingDate)}`,
          href: meetingHref(params),
        }),
      });
    }

    app.get(itemPath, { config: view, schema: { params: itemParams } }, (request, reply) =>
      renderItem(request, request.params, reply, {}, null),
    );

    /** The forms on an item's minutes page post here; a problem shows the page again with the form as typed. */
    function postFromItemPage<S extends z.ZodType>(
      suffix: string,
      fields: Field[],
      schema: S,
      save: (request: FastifyRequest, params: ItemParams, value: z.output<S>, version: number) => Promise<string>,
    ) {
      app.post(`${itemPath}${suffix}`, { config: manage, schema: { params: itemParams, body: formBody } }, async (request, reply) => {
        const result = readForm(schema, fields, request.body);
        if (!result.ok) return renderItem(request, request.params, reply, result.typed, result.errors);
        const saved = await attempt(() => save(request, request.params, result.value, versionOf(request.body)));
        if (!saved.ok) {
          return renderItem(request, request.params, reply, typedValues(fields, request.body), errorsFor(fields, saved.byField));
        }
        request.session.flash = saved.value;
        return reply.redirect(itemMinutesHref(request.params));
      });
    }

    postFromItemPage('', narrativeFields, narrativeSchema, async (request, { partnershipId, id, itemId }, value, version) => {
      await minutes.saveNarrative(principalOf(request), partnershipId, id, itemId, version, value.narrative);
      return 'Minutes saved';
    });
    postFromItemPage('/declarations', declarationFields, declarationSchema, async (request, { partnershipId, id, itemId }, value) => {
      await minutes.addDeclaration(principalOf(request), partnershipId, id, itemId, value);
      return 'Declaration of interest recorded';
    });
    postFromItemPage('/decisions', decisionFields, decisionSchema, async (request, { partnershipId, id, itemId }, value) => {
      await minutes.addDecision(principalOf(request), partnershipId, id, itemId, value);
      return 'Decision recorded';
    });
    postFromItemPage('/actions', actionFields, actionSchema, async (request, { partnershipId, id, itemId }, value) => {
      await minutes.addAction(principalOf(request), partnershipId, id, itemId, value);
      return `Action recorded for ${value.owner}`;
    });

    app.get('/decisions', { config: view, schema: { params: partnershipParams, querystring: searchQuery } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const path = `/partnerships/${partnershipId}/decisions`;
      const pagination = paginate(path, request.query);
      const search = request.query.q?.trim() ?? '';
      const { decisions, total } = await minutes.decisionsRegisterPage(
        partnershipId,
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
        seesEveryPartTwo: isOfficer(principalOf(request), partnershipId),
        download: `${path}/download.csv${search ? `?q=${encodeURIComponent(search)}` : ''}`,
        breadcrumbs: partnershipCrumbs(request),
      });
    });

    app.get(
      '/decisions/download.csv',
      { config: view, schema: { params: partnershipParams, querystring: searchQuery } },
      async (request, reply) => {
        const decisions = await minutes.decisionsRegister(
          request.params.partnershipId,
          principalOf(request),
          request.query.q?.trim() || undefined,
        );
        return sendCsv(reply, 'Decisions register', [decisionHeadings, ...decisions.map(decisionRow)]);
      },
    );

    // The life of a meeting's minutes, from the meeting page (circulating and signing ask first: meetingSteps.routes.ts).
    const lifePath = '/meetings/:id/minutes';

    /** The minutes' life with the meeting they record, for the pages that change it. */
    const lifeOf = async ({ params: { partnershipId, id } }: { params: MeetingParams }) => {
      const [life, { meeting }] = await Promise.all([minutes.life(partnershipId, id), meetings.get(partnershipId, id)]);
      return { life, meeting, named: `${meeting.groupName}, ${describeWhen(meeting.meetingDate, meeting.startTime)}` };
    };
    const lifeCrumbs = (request: FastifyRequest & { params: MeetingParams }, { named }: Awaited<ReturnType<typeof lifeOf>>) =>
      meetingsCrumbs(request, request.params.partnershipId, { text: named, href: meetingHref(request.params) });

    registerFormPage(app, pages, {
      path: `${lifePath}/approve`,
      action: `${lifePath}/approve`,
      access: 'partnership:manage',
      params: meetingParams,
      fields: approveFields,
      schema: approveSchema,
      load: lifeOf,
      title: () => 'Record the approval of the minutes',
      intro: ({ named }) =>
        `The minutes of ${named} are approved at a later meeting of the group as a true and accurate record. After that they cannot change: corrections are recorded as amendments.`,
      submitText: 'Record approval',
      crumbs: lifeCrumbs,
      back: (request) => meetingHref(request.params),
      initialValues: () => ({}),
      version: ({ life }) => life.version,
      options: async (request) => ({
        atMeetingId: (await meetings.later(request.params.partnershipId, request.params.id)).map((m) => ({
          value: m.id,
          text: `${formatDate(m.meetingDate)} at ${m.startTime}`,
        })),
      }),
      async save(request, value, version) {
        const { partnershipId, id } = request.params;
        await minutes.approve(principalOf(request), partnershipId, id, version, value.atMeetingId);
        return { redirect: `${meetingHref(request.params)}#minutes`, flash: 'Minutes approved as a true and accurate record' };
      },
    });

    registerFormPage(app, pages, {
      path: `${lifePath}/amendments/new`,
      action: `${lifePath}/amendments`,
      access: 'partnership:manage',
      params: meetingParams,
      fields: amendmentFields,
      schema: amendmentSchema,
      load: lifeOf,
      title: () => 'Record a correction to approved minutes',
      intro: ({ named }) => `A correction to the minutes of ${named}, recorded beside them with who made it and when.`,
      submitText: 'Record correction',
      crumbs: lifeCrumbs,
      back: (request) => meetingHref(request.params),
      initialValues: () => ({}),
      async save(request, value) {
        const { partnershipId, id } = request.params;
        await minutes.amend(principalOf(request), partnershipId, id, value.correction);
        return { redirect: `${meetingHref(request.params)}#minutes`, flash: 'Correction recorded' };
      },
    });
    done();
  },
};

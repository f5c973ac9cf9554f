/**
 * The minutes: each item's minutes (narrative, decisions, actions, declarations), the decisions register, and
 * the life of a meeting's minutes (circulate, approve, sign, correct). Under /partnerships/:partnershipId.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { sendCsv } from '../../web/csv.ts';
import {
  attempt,
  errorsFor,
  type Field,
  type FormErrors,
  readForm,
  type TypedValues,
  typedValues,
  valuesFromRecord,
} from '../../web/forms.ts';
import { keepTyped, takeKept } from '../../web/keptValues.ts';
import { renderConfirmation } from '../../web/confirmation.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { isBlank } from '../../platform/hiddenCharacters.ts';
import { nameOf } from '../../platform/inputs.ts';
import { registerFormPage } from '../../web/formPage.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { paginate } from '../../web/pagination.ts';
import { kept } from '../../platform/kept.ts';
import { EncodedHtml } from '../../web/render.ts';
import { isAllowed, isOfficer } from '../../platform/policy.ts';
import { withArticle } from '../../platform/wording.ts';
import { keptPageKey, principalOf } from '../../web/permissions.ts';
import { single, versionOf } from '../../web/query.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import { formBody, partnershipParams, queryText } from '../../web/schemas.ts';
import { actionFields, actionSchema, ownerKindOf, ownerOptions } from '../actions/index.ts';
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
import type { ItemMinutes, RegisteredDecision } from './minutes.service.ts';
import { commentResolutionNames } from './memberActs.service.ts';
import { interestCategoryNames } from '../governance/index.ts';
import type { EntryChange, EntryKind } from './minutesEntries.ts';
import { canAmend, isEditable, unpublishedAgenda } from './minutesLife.ts';
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

/** What an item's minutes record beside the narrative, each with its own section of the form and its own pages. */
const entryKinds = {
  declaration: { path: 'declarations', noun: 'declaration of interest', named: 'Declaration of interest', fields: declarationFields },
  decision: { path: 'decisions', noun: 'decision', named: 'Decision', fields: decisionFields },
  action: { path: 'actions', noun: 'action', named: 'Action', fields: actionFields },
} as const satisfies Record<EntryKind, { path: string; noun: string; named: string; fields: Field[] }>;
const isEntryKind = (value: string): value is EntryKind => Object.hasOwn(entryKinds, value);

/** Every field of the item's one form, named apart so that each keeps what was typed in it. */
const everyItemField: readonly Field[] = [...narrativeFields, ...declarationFields, ...decisionFields, ...actionFields];

/** The button pressed: save the narrative, record a new entry, or change or remove one ("change:decision:<id>"). */
type Intent = { task: 'narrative' } | { task: 'record'; kind: EntryKind } | { task: 'change' | 'remove'; kind: EntryKind; id: string };
function readIntent(value: string | undefined): Intent | null {
  const [task = '', kind = '', id = ''] = (value ?? '').split(':');
  if (task === 'narrative') return { task };
  if (!isEntryKind(kind)) return null;
  if (task === 'record') return { task, kind };
  return (task === 'change' || task === 'remove') && id ? { task, kind, id } : null;
}

const entryParams = itemParams.extend({ entryId: z.string() });
type EntryParams = z.output<typeof entryParams>;

/** The entries of one kind on an item's minutes, as their forms and sentences read them. */
type Entry = { id: string; version: number } & Partial<Record<string, unknown>>;
function entriesOf(record: ItemMinutes, kind: EntryKind): readonly Entry[] {
  const entries: Record<EntryKind, readonly object[]> = {
    declaration: record.declarations,
    decision: record.decisions,
    // The form that changes an action starts from the way its owner was chosen.
    action: record.actions.map((action) => ({ ...action, ownerKind: ownerKindOf(action) })),
  };
  return entries[kind] as readonly Entry[];
}

/** An entry in a sentence, for the page that asks before removing it. */
function describeEntry(kind: EntryKind, entry: Record<string, unknown>): string {
  const text = (name: string) => (typeof entry[name] === 'string' ? entry[name] : '');
  if (kind === 'declaration') return `${text('personName')}: ${text('nature')}`;
  if (kind === 'decision') return text('wording');
  return `${text('description')} (${text('owner')}${text('dueDate') ? `, by ${formatDate(text('dueDate'))}` : ''})`;
}

export const minutesRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId',
  plugin(instance, { pages, deps: { minutes, memberActs, meetings, membershipsOn, listInterests, actionOwners } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const itemPath = '/meetings/:id/items/:itemId/minutes';

    /**
     * Who may declare on an item (the group's members on the day), the interests in the register, and the people and
     * organisations an action may be owned by.
     */
    async function entryOptions(partnershipId: string, meeting: { groupId: string; meetingDate: string }) {
      const [members, interests, owners] = await Promise.all([
        membershipsOn(partnershipId, meeting.groupId, meeting.meetingDate),
        listInterests(partnershipId, {}),
        actionOwners(partnershipId),
      ]);
      return {
        ...ownerOptions(owners),
        personId: members.map((m) => ({ value: m.personId, text: `${m.personName} (${m.organisationName})` })),
        interestId: interests.filter((i) => i.endedOn === null).map((i) => ({ value: i.id, text: `${i.personName}: ${i.description}` })),
      };
    }

    async function renderItem(
      request: FastifyRequest,
      params: ItemParams,
      reply: FastifyReply,
      typed: TypedValues,
      errors: FormErrors | null,
    ) {
      const { partnershipId, id, itemId } = params;
      const record = await minutes.readItemMinutes(principalOf(request), partnershipId, id, itemId);
      const manages = isAllowed(request.principal, 'partnership:manage', request.partnership) && record.meeting.status !== 'cancelled';
      const principal = principalOf(request);
      const [declared, comments] = await Promise.all([
        memberActs.declaredInterests(principal, partnershipId, id, itemId),
        memberActs.comments(principal, partnershipId, id),
      ]);
      if (errors) reply.code(400);
      return pages.render(request, reply, 'meetings/views/item-minutes.njk', {
        title: `Minutes: ${record.item.title}`,
        record,
        values: { narrative: record.narrative, outcome: 'agreed', ...typed },
        errors,
        fields: { narrative: narrativeFields, decision: decisionFields, action: actionFields, declaration: declarationFields },
        options: await entryOptions(partnershipId, record.meeting),
        decisions: record.decisions.map((d) => ({ ...d, standing: describeDecision(d) })),
        declared: declared.map((d) => ({ ...d, category: nameOf(interestCategoryNames, d.category) })),
        itemComments: comments
          .filter((c) => c.agendaItemId === itemId)
          .map((c) => ({ ...c, resolutionText: c.resolution ? commentResolutionNames[c.resolution] : null })),
        actions: record.actions,
        action: itemMinutesHref(params),
        // Only what the service would take: writing until approval, then only a correction.
        canWrite: manages && isEditable(record.status),
        canAmend: manages && canAmend(record.status),
        amendHref: `${meetingHref(params)}/minutes/amendments/new`,
        back: meetingHref(params),
        breadcrumbs: itemCrumbs(request, params, record.meeting),
      });
    }

    const itemCrumbs = (request: FastifyRequest, params: ItemParams, meeting: { groupName: string; meetingDate: string }) =>
      meetingsCrumbs(request, params.partnershipId, {
        text: `${meeting.groupName}, ${formatDate(meeting.meetingDate)}`,
        href: meetingHref(params),
      });

    app.get(itemPath, { config: view, schema: { params: itemParams } }, (request, reply) =>
      renderItem(request, request.params, reply, takeKept(request, itemMinutesHref(request.params)), null),
    );

    /**
     * The item's one form. Every button first saves the narrative as typed, then does its own task; a problem
     * shows the page again with everything as typed, and after a success whatever else was typed is kept.
     */
    app.post(itemPath, { config: manage, schema: { params: itemParams, body: formBody } }, async (request, reply) => {
      const { params, body } = request;
      const { partnershipId, id, itemId } = params;
      const actor = principalOf(request);
      const typed = typedValues(everyItemField, body);
      const show = (fields: Field[], byField: Record<string, string>) =>
        renderItem(request, params, reply, typed, errorsFor(fields, byField));
      const current = await minutes.itemMinutes(partnershipId, id, itemId);
      // A post without the narrative (not from the page) leaves it as it is.
      if (!Object.hasOwn(body, 'narrative')) typed.narrative = current.narrative;
      const intent = readIntent(single(body.intent));
      if (!intent) return show(narrativeFields, { form: 'Choose what to save' });

      const narrative = typed.narrative ?? '';
      const changed = narrative.trim() !== current.narrative.trim();
      if (intent.task === 'narrative' || (changed && !isBlank(narrative))) {
        const read = readForm(narrativeSchema, narrativeFields, body);
        if (!read.ok) return renderItem(request, params, reply, typed, read.errors);
        const saved = changed
          ? await attempt(() => minutes.saveNarrative(actor, partnershipId, id, itemId, versionOf(body), read.value.narrative))
          : ({ ok: true } as const);
        if (!saved.ok) return show(narrativeFields, saved.byField);
      }

      const here = itemMinutesHref(params);
      /** After a success: the other sections' typed values wait for the next page, then on to it. */
      const onwards = (flash: string | null, to: string, done: readonly Field[] = []) => {
        const left = everyItemField.filter((field) => field.name !== 'narrative' && !done.includes(field));
        keepTyped(request, here, typedValues(left, body));
        if (flash) request.session.flash = flash;
        return reply.redirect(to);
      };
      if (intent.task === 'narrative') return onwards('Minutes saved', here);
      const { fields } = entryKinds[intent.kind];
      if (intent.task === 'change') return onwards(null, `${here}/${entryKinds[intent.kind].path}/${intent.id}`);
      if (intent.task === 'remove') return onwards(null, `${here}/${entryKinds[intent.kind].path}/${intent.id}/remove`);

      const recorded = await attempt(async () => {
        switch (intent.kind) {
          case 'declaration': {
            const read = readForm(declarationSchema, fields, body);
            if (!read.ok) return read.errors;
            await minutes.addDeclaration(actor, partnershipId, id, itemId, read.value);
            return 'Declaration of interest recorded';
          }
          case 'decision': {
            const read = readForm(decisionSchema, fields, body);
            if (!read.ok) return read.errors;
            const decisionId = await minutes.addDecision(actor, partnershipId, id, itemId, read.value);
            // A vote may have changed the outcome chosen: say so, rather than leave it to be noticed.
            const stored = (await minutes.itemMinutes(partnershipId, id, itemId)).decisions.find((d) => d.id === decisionId);
            if (!stored || stored.outcome === read.value.outcome) return 'Decision recorded';
            const carried = stored.outcome === 'not_agreed' ? 'not carried' : 'carried';
            return `Decision recorded as ${outcomeNames[stored.outcome].toLowerCase()}: the vote was ${carried}`;
          }
          case 'action': {
            const read = readForm(actionSchema, fields, body);
            if (!read.ok) return read.errors;
            const actionId = await minutes.addAction(actor, partnershipId, id, itemId, read.value);
            // The owner by the name of the record chosen.
            const stored = (await minutes.itemMinutes(partnershipId, id, itemId)).actions.find((a) => a.id === actionId);
            return `Action recorded for ${stored?.owner ?? 'the owner chosen'}`;
          }
        }
      });
      if (!recorded.ok) return show(fields, recorded.byField);
      if (typeof recorded.value !== 'string') return renderItem(request, params, reply, typed, recorded.value);
      return onwards(recorded.value, here, fields);
    });

    /** A decision, declaration or action of draft minutes: its page to change it, and one to remove it. */
    function entryPages<K extends EntryKind, S extends z.ZodType>(kind: K, schema: S, change: (value: z.output<S>) => EntryChange) {
      const { path, noun, named, fields } = entryKinds[kind];
      const entryPath = `${itemPath}/${path}/:entryId`;
      const load = async (request: FastifyRequest & { params: EntryParams }) => {
        const { partnershipId, id, itemId, entryId } = request.params;
        const record = await minutes.readItemMinutes(principalOf(request), partnershipId, id, itemId);
        const entry = entriesOf(record, kind).find((candidate) => candidate.id === entryId);
        if (!entry) throw new NotFoundError(noun);
        return { record, entry };
      };
      /** Approved minutes take only an amendment: this page then says so, and offers no form. */
      const closed = (request: FastifyRequest & { params: EntryParams }, { record }: Awaited<ReturnType<typeof load>>) =>
        isEditable(record.status)
          ? null
          : {
              template: 'meetings/views/minutes-approved.njk',
              view: {
                title: `Change ${withArticle(noun)}`,
                amendHref: `${meetingHref(request.params)}/minutes/amendments/new`,
                back: itemMinutesHref(request.params),
              },
            };

      registerFormPage(app, pages, {
        path: entryPath,
        action: entryPath,
        access: 'partnership:manage',
        params: entryParams,
        fields,
        schema,
        load,
        closed,
        title: () => `Change ${withArticle(noun)}`,
        intro: ({ record }) =>
          `On the minutes of "${record.item.title}", ${record.meeting.groupName}, ${formatDate(record.meeting.meetingDate)}. The change is recorded in the audit log.`,
        submitText: `Save ${noun}`,
        crumbs: (request, { record }) => itemCrumbs(request, request.params, record.meeting),
        back: (request) => itemMinutesHref(request.params),
        initialValues: (_, { entry }) => valuesFromRecord(fields, entry),
        version: ({ entry }) => entry.version,
        options: async (request) => {
          const record = await minutes.itemMinutes(request.params.partnershipId, request.params.id, request.params.itemId);
          return entryOptions(request.params.partnershipId, record.meeting);
        },
        async save(request, value, version) {
          const { partnershipId, id, itemId, entryId } = request.params;
          await minutes.changeEntry(principalOf(request), partnershipId, id, itemId, entryId, version, change(value));
          return { redirect: itemMinutesHref(request.params), flash: `${named} changed` };
        },
      });

      app.get(`${entryPath}/remove`, { config: manage, schema: { params: entryParams } }, async (request, reply) => {
        const context = await load(request);
        const shut = closed(request, context);
        if (shut)
          return pages.render(request, reply, shut.template, {
            ...shut.view,
            breadcrumbs: itemCrumbs(request, request.params, context.record.meeting),
          });
        const { record, entry } = context;
        return renderConfirmation(pages, request, reply, {
          title: `Remove this ${noun}?`,
          caption: record.item.title,
          rows: [{ key: named, value: describeEntry(kind, entry) }],
          hidden: { version: entry.version },
          happens: [
            `The ${noun} is taken off the draft minutes of this item.`,
            'The audit log keeps what it said, and who removed it and when.',
          ],
          action: itemMinutesHref(request.params) + `/${path}/${request.params.entryId}/remove`,
          button: `Remove ${noun}`,
          warning: true,
          cancel: itemMinutesHref(request.params),
          breadcrumbs: itemCrumbs(request, request.params, record.meeting),
        });
      });

      app.post(`${entryPath}/remove`, { config: manage, schema: { params: entryParams, body: formBody } }, async (request, reply) => {
        const { partnershipId, id, itemId, entryId } = request.params;
        await reportOnNextPage(request, async () => {
          await minutes.removeEntry(principalOf(request), partnershipId, id, itemId, kind, entryId, versionOf(request.body));
          return `${named} removed`;
        });
        return reply.redirect(itemMinutesHref(request.params));
      });
    }

    entryPages('decision', decisionSchema, (input) => ({ kind: 'decision', input }));
    entryPages('declaration', declarationSchema, (input) => ({ kind: 'declaration', input }));
    entryPages('action', actionSchema, (input) => ({ kind: 'action', input }));

    /**
     * A page of the register drawn as one reader asks for it (the search and the page), kept while nothing it is read
     * from changes, to the minute (decision 0057: the partnership's count of changes); the layout is the request's own.
     */
    const registerPages = kept<{ total: number; body: EncodedHtml }>(256);

    app.get('/decisions', { config: view, schema: { params: partnershipParams, querystring: searchQuery } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const path = `/partnerships/${partnershipId}/decisions`;
      const pagination = paginate(path, request.query);
      const search = request.query.q?.trim() ?? '';
      const reader = principalOf(request);
      const key = keptPageKey(request, await meetings.pageVersion(partnershipId), request.query);
      const { total, body } = await registerPages(key, async () => {
        const { decisions, total } = await minutes.decisionsRegisterPage(partnershipId, reader, search || undefined, pagination);
        const html = pages.fragment('meetings/views/decisions-body.njk', {
          search,
          decisions: decisions.map((d) => ({ ...d, cells: decisionRow(d) })),
          total,
          pagination: pagination.links(total),
          headings: decisionHeadings,
          seesEveryPartTwo: isOfficer(reader, partnershipId),
          download: `${path}/download.csv${search ? `?q=${encodeURIComponent(search)}` : ''}`,
        });
        return { total, body: new EncodedHtml(html) };
      });
      const lastPage = pagination.beyondEnd(total);
      if (lastPage) return reply.redirect(lastPage);
      return pages.render(request, reply, 'kept-page.njk', {
        title: 'Decisions register',
        body,
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
      intro: ({ named, meeting }) =>
        `The minutes of ${named} are approved at a later meeting of the group as a true and accurate record. After that they cannot change: corrections are recorded as amendments.${meeting.publishedAt ? '' : ` ${unpublishedAgenda}`}`,
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

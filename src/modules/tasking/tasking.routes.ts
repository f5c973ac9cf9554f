/**
 * Tasking pages: the priority locations from the strategic assessment, the monthly tasking document of a
 * tasking group as a page and as PDF and Word files, its issue ("despatched electronically, 1 day prior to
 * the meeting") and its place on the meeting's agenda, and the resources agencies commit to a place with the
 * result they report back. The document's words come from taskingDocument.ts, so the page and the files agree.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { AddressProblemError, NotPermittedError } from '../../platform/errors.ts';
import { nameOf } from '../../platform/inputs.ts';
import { isAllowed } from '../../platform/policy.ts';
import { describeRecipients, emailedLine } from '../../platform/recipients.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { renderConfirmation } from '../../web/confirmation.ts';
import { sendFile } from '../../web/csv.ts';
import { type FormRequest, registerFormPage } from '../../web/formPage.ts';
import { attempt, errorsFor, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { checkedValues, queryValues, single, versionOf } from '../../web/query.ts';
import { type Crumb, partnershipCrumbs, recordChoices } from '../../web/recordPages.ts';
import { formatDate, formatDateTime } from '../../web/render.ts';
import { formBody, partnershipParams, queryText } from '../../web/schemas.ts';
import { actionStatusNames } from '../actions/index.ts';
import { monthAskedWords, monthName, monthPattern, previousMonth, trendText } from '../crimedata/index.ts';
import { actionFields, locationFields, placesField, placesMessage, resultFields } from './tasking.forms.ts';
import { actionSchema, locationSchema, resultSchema, streetLines } from './tasking.inputs.ts';
import { taskingGroupOf } from './taskingGroup.ts';
import { locationKindNames, type PriorityLocation, type TaskingActionView, type TaskingService } from './tasking.types.ts';
import {
  accuracyMissingWords,
  accuracyRows,
  actionCrimesWords,
  actionDates,
  areaRows,
  areaWords,
  attribution,
  crimeTrendChart,
  crimeTypeRows,
  issueWords,
  lastMonthActions,
  noResultYet,
  noChartWords,
  noCrimeTypesWords,
  notPublishedWords,
  orderedSections,
  sectionKindNames,
  sectionRows,
  seriesCountText,
  taskingDocumentTitle,
  taskingVisuals,
  whyNotIssue,
  documentTerms,
} from './taskingDocument.ts';

/** A record another module keeps that a tasking form chooses from. */
interface Choice {
  id: string;
  name: string;
  archivedAt: string | null;
}

/** What the tasking pages need from other modules, and the configured map tiles. */
export interface TaskingRouteDependencies {
  tasking: TaskingService;
  groups: (partnershipId: string) => Promise<Choice[]>;
  /** The agencies that commit resources. */
  organisations: (partnershipId: string) => Promise<Choice[]>;
  /** The months held in Safer for the area, oldest first. */
  publishedMonths: (partnershipId: string) => Promise<string[]>;
  /** The group's meetings still to come (not cancelled), soonest first: where an issued document can go. */
  meetingsToCome: (partnershipId: string, groupId: string) => Promise<{ id: string; meetingDate: string }[]>;
  meetingDate: (partnershipId: string, meetingId: string) => Promise<string>;
  mapTiles: Config['mapTiles'];
}

const recentActionsShown = 20;

const locationParams = partnershipParams.extend({ locationId: z.string() });
const documentParams = partnershipParams.extend({ groupId: z.string(), month: z.string() });
const actionParams = partnershipParams.extend({ actionId: z.string() });
/** The form on the tasking page asks for a group and a month by GET: its answer is the document's address. */
const documentQuery = z.object({ group: queryText, month: queryText });

/** A request to one of the partnership's tasking pages. */
type TaskingRequest = FormRequest<typeof partnershipParams>;

const base = (partnershipId: string) => `/partnerships/${partnershipId}/tasking`;
const taskingCrumbs = (request: TaskingRequest): Crumb[] => [
  ...partnershipCrumbs(request),
  { text: 'Tasking', href: base(request.params.partnershipId) },
];
const documentHref = (partnershipId: string, groupId: string, month: string) =>
  `${base(partnershipId)}/groups/${encodeURIComponent(groupId)}/${month}`;
const locationHref = (partnershipId: string, id: string) => `${base(partnershipId)}/locations/${id}`;
const actionHref = (partnershipId: string, id: string) => `${base(partnershipId)}/actions/${id}`;

/** For the action log: the actions recorded at tasking, named by their tasking document, with its address. */
export const agreedAtTasking =
  (tasking: Pick<TaskingService, 'documentsOfActions'>) => async (partnershipId: string, actionIds: readonly string[]) =>
    new Map(
      (await tasking.documentsOfActions(partnershipId, actionIds)).map(({ actionId, groupId, month }) => [
        actionId,
        { text: `Tasking document for ${monthName(month)}`, href: documentHref(partnershipId, groupId, month) },
      ]),
    );

/** "Charnwood 012A (E01025785), Charnwood 012B (E01025786) and 4 more". */
function someOf(names: readonly string[], shown = 3): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

const actionRow = (partnershipId: string, action: TaskingActionView) => ({
  href: actionHref(partnershipId, action.id),
  month: monthName(action.month),
  place: action.placeName,
  agency: action.organisationName,
  resource: action.resourceName,
  dates: actionDates(action),
  status: nameOf(actionStatusNames, action.actionStatus),
  result: action.result ?? noResultYet,
  crimes: actionCrimesWords(action),
});

const view = { access: 'partnership:view' } as const;
const analyse = { access: 'partnership:analyse' } as const;

export const taskingRoutes: ModuleRoutes<TaskingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/tasking',
  plugin(instance, { pages, deps }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const { tasking } = deps;
    const mayAnalyse = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:analyse', request.partnership);
    const mayRecord = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:member', request.partnership);

    /** The month an address names: one that is not (2025-13) is a problem with the address, said with the months held. */
    async function monthOf({ partnershipId, month }: z.output<typeof documentParams>): Promise<string> {
      if (monthPattern.test(month)) return month;
      throw new AddressProblemError(monthAskedWords(month, await deps.publishedMonths(partnershipId)), {
        text: 'Open a tasking document from the months held',
        href: base(partnershipId),
      });
    }

    // The priority locations, the way to a month's document, and the latest resources committed.
    app.get('', { config: view, schema: { params: partnershipParams, querystring: documentQuery } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const asked = request.query;
      if (asked.group && asked.month && monthPattern.test(asked.month))
        return reply.redirect(documentHref(partnershipId, asked.group, asked.month));
      const [locations, allGroups, months, actions, tasked] = await Promise.all([
        tasking.locations(partnershipId),
        deps.groups(partnershipId),
        deps.publishedMonths(partnershipId),
        tasking.actions(partnershipId),
        tasking.taskingGroups(partnershipId),
      ]);
      const groups = allGroups.filter((group) => group.archivedAt === null);
      // Opens on the tasking group, with its latest month's document one click away.
      const opensOn = groups.find((group) => group.id === asked.group) ?? taskingGroupOf(groups, tasked);
      const latestMonth = months.at(-1);
      const latest = [...months].reverse();
      const recent = [...actions].sort((a, b) => b.month.localeCompare(a.month) || b.startsOn.localeCompare(a.startsOn));
      return pages.render(request, reply, 'tasking/views/tasking.njk', {
        title: 'Tasking',
        base: base(partnershipId),
        locations: locations.map((location) => ({
          name: location.name,
          href: locationHref(partnershipId, location.id),
          kind: locationKindNames[location.kind],
          places: someOf(location.placeNames),
          reason: location.reason ?? '',
        })),
        groups: groups.map((group) => ({ value: group.id, text: group.name, selected: group.id === opensOn?.id })),
        latest:
          opensOn && latestMonth
            ? { href: documentHref(partnershipId, opensOn.id, latestMonth), text: `${opensOn.name}, ${monthName(latestMonth)}` }
            : null,
        months: latest.map((month) => ({ value: month, text: monthName(month), selected: month === asked.month })),
        actions: recent.slice(0, recentActionsShown).map((action) => actionRow(partnershipId, action)),
        moreActions: Math.max(0, recent.length - recentActionsShown),
        mayAnalyse: mayAnalyse(request),
        mayRecord: mayRecord(request),
        breadcrumbs: partnershipCrumbs(request),
      });
    });

    // Priority locations: a set of LSOAs ticked from the area's, or of streets typed as police.uk names them.
    async function renderLocationForm(
      request: TaskingRequest,
      reply: FastifyReply,
      state: {
        location: PriorityLocation | null;
        values: TypedValues;
        ticked: string[];
        errors: FormErrors | null;
        version: number | null;
      },
    ) {
      const { location } = state;
      const { partnershipId } = request.params;
      const choices = await tasking.placeChoices(partnershipId);
      if (state.errors) reply.code(400);
      const crumbs = taskingCrumbs(request);
      if (location) crumbs.push({ text: location.name, href: locationHref(partnershipId, location.id) });
      return pages.render(request, reply, 'tasking/views/location-form.njk', {
        title: location ? `Change the priority location: ${location.name}` : 'Add a priority location',
        fields: locationFields,
        values: state.values,
        errors: state.errors,
        kinds: Object.entries(locationKindNames).map(([value, text]) => ({ value, text, checked: state.values.kind === value })),
        lsoas: choices.lsoas.map((lsoa) => ({
          value: lsoa.code,
          text: `${lsoa.name} (${lsoa.code})`,
          checked: state.ticked.includes(lsoa.code),
        })),
        busiestStreets: choices.streets.slice(0, 5),
        action: location ? locationHref(partnershipId, location.id) : `${base(partnershipId)}/locations`,
        cancel: location ? locationHref(partnershipId, location.id) : base(partnershipId),
        version: state.version,
        crimeDataHref: `/partnerships/${partnershipId}/crime-data`,
        breadcrumbs: crumbs,
      });
    }

    /** Saves the location, or shows the form again with each problem next to its field and everything as typed. */
    async function saveLocation(
      request: TaskingRequest,
      body: z.output<typeof formBody>,
      reply: FastifyReply,
      location: PriorityLocation | null,
    ) {
      const version = location ? versionOf(body) : null;
      const result = readForm(locationSchema, locationFields, body);
      const values = typedValues(locationFields, body);
      const ticked = checkedValues(body.lsoas);
      const kind = values.kind ?? '';
      const places = kind === 'lsoa' ? ticked : streetLines(values.streets ?? '');
      const byField: Record<string, string> = result.ok ? {} : { ...result.errors.byField };
      if ((kind === 'lsoa' || kind === 'street') && places.length === 0) byField[placesField(kind)] = placesMessage[kind];
      const refuse = (problems: Record<string, string>, currentVersion = version) =>
        renderLocationForm(request, reply, {
          location,
          values,
          ticked,
          errors: errorsFor(locationFields, problems),
          version: currentVersion,
        });
      if (!result.ok || Object.keys(byField).length) return refuse(byField);
      const input = { ...result.value, places };
      const { partnershipId } = request.params;
      const saved = await attempt(async () =>
        location
          ? (await tasking.updateLocation(principalOf(request), partnershipId, location.id, version ?? -1, input), location.id)
          : tasking.createLocation(principalOf(request), partnershipId, input),
      );
      if (!saved.ok) {
        // The service says what is wrong with the places; the page shows it next to the places of the kind chosen.
        const { places: placesProblem, ...problems } = saved.byField;
        return refuse(placesProblem ? { ...problems, [placesField(kind)]: placesProblem } : problems, saved.version ?? version);
      }
      request.session.flash = location ? `Priority location “${input.name}” saved` : `Priority location “${input.name}” added`;
      return reply.redirect(locationHref(partnershipId, saved.value));
    }

    const loadLocation = ({ partnershipId, locationId }: z.output<typeof locationParams>) => tasking.location(partnershipId, locationId);

    app.get('/locations/new', { config: analyse, schema: { params: partnershipParams } }, (request, reply) =>
      renderLocationForm(request, reply, { location: null, values: {}, ticked: [], errors: null, version: null }),
    );
    app.post('/locations', { config: analyse, schema: { params: partnershipParams, body: formBody } }, (request, reply) =>
      saveLocation(request, request.body, reply, null),
    );

    app.get('/locations/:locationId', { config: view, schema: { params: locationParams } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const { location, series, trend } = await loadLocation(request.params);
      const chart = series.length ? await crimeTrendChart(`Crimes in ${location.name}`, series) : null;
      return pages.render(request, reply, 'tasking/views/location.njk', {
        title: location.name,
        location,
        summary: [
          { key: 'Made of', value: locationKindNames[location.kind] },
          { key: location.kind === 'lsoa' ? 'Neighbourhoods (LSOAs)' : 'Streets', value: location.placeNames.join('\n') },
          { key: 'Why it is a priority', value: location.reason ?? 'Not recorded' },
        ],
        series: [...series].reverse().map((entry) => ({
          month: monthName(entry.month),
          count: seriesCountText(entry),
        })),
        chart,
        trend: trendText(trend),
        trendMethod: trend.method,
        href: locationHref(partnershipId, location.id),
        mayAnalyse: mayAnalyse(request) && location.archivedAt === null,
        breadcrumbs: taskingCrumbs(request),
      });
    });

    app.get('/locations/:locationId/edit', { config: analyse, schema: { params: locationParams } }, async (request, reply) => {
      const { location } = await loadLocation(request.params);
      return renderLocationForm(request, reply, {
        location,
        values: {
          name: location.name,
          reason: location.reason ?? '',
          kind: location.kind,
          streets: location.kind === 'street' ? location.places.join('\n') : '',
        },
        ticked: location.kind === 'lsoa' ? location.places : [],
        errors: null,
        version: location.version,
      });
    });
    app.post('/locations/:locationId', { config: analyse, schema: { params: locationParams, body: formBody } }, async (request, reply) => {
      const { location } = await loadLocation(request.params);
      return saveLocation(request, request.body, reply, location);
    });

    app.post(
      '/locations/:locationId/archive',
      { config: analyse, schema: { params: locationParams, body: formBody } },
      async (request, reply) => {
        const { partnershipId } = request.params;
        const { location } = await loadLocation(request.params);
        await reportOnNextPage(request, async () => {
          await tasking.archiveLocation(principalOf(request), partnershipId, location.id, versionOf(request.body));
          return `Priority location “${location.name}” archived: later tasking documents leave it out`;
        });
        return reply.redirect(locationHref(partnershipId, location.id));
      },
    );

    // A month's tasking document of a group.
    const documentPath = '/groups/:groupId/:month';
    const documentRoute = { config: view, schema: { params: documentParams } };

    app.get(documentPath, documentRoute, async (request, reply) => {
      const { partnershipId, groupId } = request.params;
      const doc = await tasking.document(partnershipId, groupId, await monthOf(request.params));
      const href = documentHref(partnershipId, doc.groupId, doc.month);
      const issued = doc.issued;
      const [visuals, meetingsToCome, attachedOn] = await Promise.all([
        taskingVisuals(doc, deps.mapTiles),
        issued && !issued.agendaItemId && mayAnalyse(request) ? deps.meetingsToCome(partnershipId, doc.groupId) : [],
        issued?.agendaItemId && issued.meetingId ? deps.meetingDate(partnershipId, issued.meetingId) : null,
      ]);
      const recordHref = (target: string) =>
        `${base(partnershipId)}/actions/new?${String(new URLSearchParams({ group: doc.groupId, month: doc.month, target }))}`;
      // The meeting the document was issued for, in one step while it is still to come; else any still to come.
      const nextMeeting = meetingsToCome.find((meeting) => meeting.id === doc.meeting?.id);
      return pages.render(request, reply, 'tasking/views/document.njk', {
        title: taskingDocumentTitle(doc),
        doc,
        areaWords: areaWords(doc),
        issueWords: issueWords(doc),
        notPublishedWords: notPublishedWords(doc),
        noChartWords,
        areaRows: areaRows(doc),
        lastMonth: monthName(previousMonth(doc.month)),
        lastMonthActions: lastMonthActions(doc).map((action) => actionRow(partnershipId, action)),
        thisMonthActions: doc.thisMonthActions.map((action) => actionRow(partnershipId, action)),
        sections: orderedSections(doc).map((section) => ({
          key: section.key,
          heading: `${sectionKindNames[section.kind]}: ${section.name}`,
          name: section.name,
          why: section.why,
          places: section.placeNames.join('; '),
          rows: sectionRows(doc, section),
          types: crimeTypeRows(section),
          noTypes: noCrimeTypesWords(doc, section),
          chart: visuals[section.key]?.chart ?? null,
          map: visuals[section.key]?.map ?? null,
          trendMethod: section.trend.method,
          recordHref: recordHref(section.kind === 'priority' ? `location:${section.key}` : section.key),
          locationHref: section.kind === 'priority' ? locationHref(partnershipId, section.key) : null,
        })),
        accuracyRows: accuracyRows(doc),
        terms: documentTerms,
        accuracyMethod: doc.accuracy?.method ?? '',
        accuracyMissing: accuracyMissingWords(doc),
        attribution,
        files: { pdf: `${href}/document.pdf`, docx: `${href}/document.docx` },
        href,
        mayIssue: mayAnalyse(request) && whyNotIssue(doc) === null,
        attach: nextMeeting ? { meetingId: nextMeeting.id, date: formatDate(nextMeeting.meetingDate) } : null,
        attachChoices: nextMeeting ? [] : meetingsToCome.map((meeting) => ({ value: meeting.id, text: formatDate(meeting.meetingDate) })),
        mayAttach: Boolean(issued && !issued.agendaItemId && mayAnalyse(request)),
        attached:
          issued?.agendaItemId && issued.meetingId
            ? { href: `/partnerships/${partnershipId}/meetings/${issued.meetingId}`, date: formatDate(attachedOn) }
            : null,
        mayRecord: mayRecord(request),
        breadcrumbs: taskingCrumbs(request),
      });
    });

    for (const format of ['pdf', 'docx'] as const) {
      app.get(`${documentPath}/document.${format}`, documentRoute, async (request, reply) => {
        const { partnershipId, groupId } = request.params;
        const file = await tasking.documentFile(partnershipId, groupId, await monthOf(request.params), format);
        return sendFile(reply, file.fileName, file.contentType, file.bytes);
      });
    }

    const documentButton = { config: analyse, schema: { params: documentParams, body: formBody } };

    app.get(`${documentPath}/issue`, { config: analyse, schema: { params: documentParams } }, async (request, reply) => {
      const { partnershipId, groupId } = request.params;
      const [doc, recipients] = await Promise.all([
        tasking.document(partnershipId, groupId, await monthOf(request.params)),
        tasking.issueRecipients(partnershipId, groupId),
      ]);
      const href = documentHref(partnershipId, doc.groupId, doc.month);
      // Offered only when issuing can succeed; otherwise the document page says why.
      const refusal = whyNotIssue(doc);
      if (refusal) {
        request.session.problem = refusal;
        return reply.redirect(href);
      }
      return renderConfirmation(pages, request, reply, {
        title: `Issue the tasking document for ${doc.monthName}?`,
        caption: doc.groupName,
        rows: [
          { key: 'Tasking group', value: doc.groupName },
          { key: 'Month', value: doc.monthName },
          ...(doc.meeting ? [{ key: 'For the meeting on', value: formatDate(doc.meeting.date) }] : []),
        ],
        happens: [
          'The PDF is kept as it stands now: later imports of crime data will not change it.',
          ...emailedLine(recipients, 'a link to it'),
          'It cannot be issued again for this month.',
        ],
        recipients,
        action: `${href}/issue`,
        button: 'Issue the tasking document',
        cancel: href,
        breadcrumbs: taskingCrumbs(request),
      });
    });

    app.post(`${documentPath}/issue`, documentButton, async (request, reply) => {
      const { partnershipId, groupId } = request.params;
      const month = await monthOf(request.params);
      await reportOnNextPage(request, async () => {
        const told = await tasking.issue(principalOf(request), partnershipId, groupId, month);
        return `Tasking document issued. ${describeRecipients(told, 'sent')}`;
      });
      return reply.redirect(documentHref(partnershipId, groupId, month));
    });

    app.post(`${documentPath}/attach`, documentButton, async (request, reply) => {
      const { partnershipId, groupId } = request.params;
      const month = await monthOf(request.params);
      const meetingId = single(request.body.meetingId) ?? '';
      if (!meetingId) request.session.problem = 'Select the meeting whose agenda the tasking document goes on';
      else {
        await reportOnNextPage(request, async () => {
          await tasking.attach(principalOf(request), partnershipId, groupId, month, meetingId);
          return 'Tasking document put on the meeting’s agenda, with its PDF as the item’s paper';
        });
      }
      return reply.redirect(documentHref(partnershipId, groupId, month));
    });

    // Tasking actions: an agency's resource for a place, kept in the group's action log.
    registerFormPage(app, pages, {
      path: '/actions/new',
      action: '/actions',
      access: 'partnership:member',
      params: partnershipParams,
      fields: actionFields,
      schema: actionSchema,
      // The document the form came from: by the address's query, or by what the form sent.
      load(request) {
        const asked = { ...queryValues(request.query, ['group', 'month']), ...queryValues(request.body, ['groupId', 'month']) };
        const groupId = asked.groupId ?? asked.group ?? '';
        return Promise.resolve({ groupId, month: asked.month && monthPattern.test(asked.month) ? asked.month : '' });
      },
      title: () => 'Record a tasking action',
      intro: () =>
        'The resource an agency commits to a place for the month’s tasking. It goes into the group’s action log as an action the agency owns, and the agency reports the result back.',
      submitText: 'Record tasking action',
      crumbs: taskingCrumbs,
      back: ({ params: { partnershipId } }, { groupId, month }) =>
        groupId && month ? documentHref(partnershipId, groupId, month) : base(partnershipId),
      initialValues: (request, { groupId, month }) => ({ groupId, month, target: queryValues(request.query, ['target']).target ?? '' }),
      async options(request, values) {
        const { partnershipId } = request.params;
        const month = monthPattern.test(values.month ?? '') ? (values.month ?? '') : '';
        const [groups, organisations, published, locations] = await Promise.all([
          deps.groups(partnershipId),
          deps.organisations(partnershipId),
          deps.publishedMonths(partnershipId),
          tasking.locations(partnershipId),
        ]);
        // The month's emerging hotspots are the document's: asked of it only for a group of this partnership.
        const group = groups.find((candidate) => candidate.id === values.groupId);
        const emerging =
          group && month
            ? (await tasking.document(partnershipId, group.id, month)).sections.filter((section) => section.kind === 'emerging')
            : [];
        const months = [...new Set([...published, ...(month ? [month] : [])])].sort().reverse();
        return {
          groupId: recordChoices(groups, values, 'groupId', (row) => row.name),
          month: months.map((value) => ({ value, text: monthName(value) })),
          target: [
            ...locations.map((location) => ({ value: `location:${location.id}`, text: `Priority location: ${location.name}` })),
            ...emerging.map((section) => ({ value: section.key, text: `Emerging hotspot: ${section.name}` })),
          ],
          organisationId: recordChoices(organisations, values, 'organisationId', (row) => row.name),
        };
      },
      async save(request, value) {
        const { partnershipId } = request.params;
        await tasking.recordAction(principalOf(request), partnershipId, value);
        return {
          redirect: documentHref(partnershipId, value.groupId, value.month),
          flash: 'Tasking action recorded: it is in the group’s action log, owned by the agency',
        };
      },
    });

    const loadAction = ({ partnershipId, actionId }: z.output<typeof actionParams>) => tasking.action(partnershipId, actionId);
    const mayReport = (request: FormRequest<typeof actionParams>, action: TaskingActionView) =>
      tasking.mayReportResult(request.params.partnershipId, action.id, principalOf(request));

    app.get('/actions/:actionId', { config: view, schema: { params: actionParams } }, async (request, reply) => {
      const action = await loadAction(request.params);
      const { partnershipId } = request.params;
      return pages.render(request, reply, 'tasking/views/action.njk', {
        title: `${action.resourceName} at ${action.placeName}`,
        action,
        summary: [
          { key: 'Place', value: action.placeName },
          { key: 'Agency', value: action.organisationName },
          { key: 'Resource', value: action.resourceName },
          { key: 'What will be done', value: action.description },
          { key: 'When', value: actionDates(action) },
          { key: 'Crimes there', value: actionCrimesWords(action) },
        ],
        documentHref: documentHref(partnershipId, action.groupId, action.month),
        month: monthName(action.month),
        logHref: `/partnerships/${partnershipId}/actions/${action.actionId}`,
        status: nameOf(actionStatusNames, action.actionStatus),
        reported: action.resultReportedAt
          ? `${formatDateTime(action.resultReportedAt)}${action.resultReportedByName ? ` by ${action.resultReportedByName}` : ''}`
          : null,
        resultHref: `${actionHref(partnershipId, action.id)}/result`,
        mayReport: await mayReport(request, action),
        breadcrumbs: taskingCrumbs(request),
      });
    });

    registerFormPage(app, pages, {
      path: '/actions/:actionId/result',
      action: '/actions/:actionId/result',
      access: 'partnership:member',
      params: actionParams,
      fields: resultFields,
      schema: resultSchema,
      // Only the owning agency's people and officers see the form: the service refuses anyone else anyway.
      async load(request) {
        const action = await loadAction(request.params);
        if (!(await mayReport(request, action))) {
          throw new NotPermittedError(`Only ${action.organisationName} or a partnership officer can report the result`);
        }
        return action;
      },
      title: (action) => `Report the result: ${action.resourceName} at ${action.placeName}`,
      intro: (action) =>
        `${action.organisationName}, ${actionDates(action)}: ${action.description}. The result marks the action done in the group’s action log; only ${action.organisationName} or a partnership officer can report it.`,
      submitText: 'Report result',
      crumbs: (request, action) => [
        ...taskingCrumbs(request),
        { text: `${action.resourceName} at ${action.placeName}`, href: actionHref(request.params.partnershipId, action.id) },
      ],
      back: (request, action) => actionHref(request.params.partnershipId, action.id),
      initialValues: (_request, action) => ({ result: action.result ?? '' }),
      version: (action) => action.version,
      async save(request, value, version, action) {
        const { partnershipId } = request.params;
        await tasking.reportResult(principalOf(request), partnershipId, action.id, version, value.result);
        return { redirect: actionHref(partnershipId, action.id), flash: 'Result reported: the action is done in the group’s action log' };
      },
    });
    done();
  },
};

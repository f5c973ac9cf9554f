/**
 * Tasking pages: the priority locations from the strategic assessment, the monthly tasking document of a
 * tasking group as a page and as PDF and Word files, its issue ("despatched electronically, 1 day prior to
 * the meeting") and its place on the meeting's agenda, and the resources agencies commit to a place with the
 * result they report back. The document's words come from taskingDocument.ts, so the page and the files agree.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { ConflictError, FieldValidationError, NotFoundError, NotPermittedError } from '../../platform/errors.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { sendFile } from '../../web/csv.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { errorsFor, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import { nameOf } from '../../platform/inputs.ts';
import { isAllowed } from '../../platform/policy.ts';
import { principalOf } from '../../web/permissions.ts';
import { checkedValues, queryValues, single, versionOf } from '../../web/query.ts';
import { type Crumb, partnershipCrumbs, recordChoices } from '../../web/recordPages.ts';
import { formatDate, formatDateTime, type PageRenderer } from '../../web/render.ts';
import { actionStatusNames } from '../actions/index.ts';
import { monthName, monthPattern, previousMonth, trendText } from '../crimedata/index.ts';
import {
  actionFields,
  actionSchema,
  locationFields,
  locationSchema,
  placesField,
  placesMessage,
  resultFields,
  resultSchema,
  streetLines,
} from './tasking.schemas.ts';
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
  notPublishedWords,
  orderedSections,
  sectionKindNames,
  sectionRows,
  taskingDocumentTitle,
  taskingVisuals,
} from './taskingDocument.ts';

type Params = { partnershipId: string; locationId?: string; actionId?: string; groupId?: string; month?: string };

/** A record another module keeps that a tasking form chooses from. */
interface Choice {
  id: string;
  name: string;
  archivedAt: string | null;
}

/** What the tasking pages need from other modules, and the configured map tiles. */
export interface TaskingRouteDeps {
  groups(partnershipId: string): Promise<Choice[]>;
  /** The agencies that commit resources. */
  organisations(partnershipId: string): Promise<Choice[]>;
  /** The months police.uk published for the area, oldest first. */
  publishedMonths(partnershipId: string): Promise<string[]>;
  /** The group's meetings still to come (not cancelled), soonest first: where an issued document can go. */
  meetingsToCome(partnershipId: string, groupId: string): Promise<{ id: string; meetingDate: string }[]>;
  meetingDate(partnershipId: string, meetingId: string): Promise<string>;
  mapTiles: Config['mapTiles'];
}

const recentActionsShown = 20;

const paramsOf = (request: FastifyRequest) => request.params as Params;
const partnershipIdOf = (request: FastifyRequest) => paramsOf(request).partnershipId;
const base = (request: FastifyRequest) => `/partnerships/${partnershipIdOf(request)}/tasking`;
const taskingCrumbs = (request: FastifyRequest): Crumb[] => [...partnershipCrumbs(request), { text: 'Tasking', href: base(request) }];
const documentHref = (request: FastifyRequest, groupId: string, month: string) =>
  `${base(request)}/groups/${encodeURIComponent(groupId)}/${month}`;
const locationHref = (request: FastifyRequest, id: string) => `${base(request)}/locations/${id}`;
const actionHref = (request: FastifyRequest, id: string) => `${base(request)}/actions/${id}`;

/** The month an address names, or a 404: only YYYY-MM is a month. */
function monthOf(request: FastifyRequest): string {
  const month = paramsOf(request).month ?? '';
  if (!monthPattern.test(month)) throw new NotFoundError('month');
  return month;
}

/** "Charnwood 012A (E01025785), Charnwood 012B (E01025786) and 4 more". */
function someOf(names: readonly string[], shown = 3): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

const actionRow = (request: FastifyRequest, action: TaskingActionView) => ({
  href: actionHref(request, action.id),
  month: monthName(action.month),
  place: action.placeName,
  agency: action.organisationName,
  resource: action.resourceName,
  dates: actionDates(action),
  status: nameOf(actionStatusNames, action.actionStatus),
  result: action.result ?? noResultYet,
  crimes: actionCrimesWords(action),
});

export function registerTaskingRoutes(app: FastifyInstance, pages: PageRenderer, tasking: TaskingService, deps: TaskingRouteDeps): void {
  const view = { config: { access: 'partnership:view' as const } };
  const analyse = { config: { access: 'partnership:analyse' as const } };
  const mayAnalyse = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:analyse', request.partnership);
  const mayRecord = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:member', request.partnership);

  // The priority locations, the way to a month's document, and the latest resources committed.
  app.get('/partnerships/:partnershipId/tasking', view, async (request, reply) => {
    const partnershipId = partnershipIdOf(request);
    // The form below asks for a group and a month by GET: its answer is the document's address.
    const asked = queryValues(request.query, ['group', 'month']);
    if (asked.group && asked.month && monthPattern.test(asked.month))
      return reply.redirect(documentHref(request, asked.group, asked.month));
    const [locations, groups, months, actions] = await Promise.all([
      tasking.locations(partnershipId),
      deps.groups(partnershipId),
      deps.publishedMonths(partnershipId),
      tasking.actions(partnershipId),
    ]);
    const latest = [...months].reverse();
    const recent = [...actions].sort((a, b) => b.month.localeCompare(a.month) || b.startsOn.localeCompare(a.startsOn));
    return pages.render(request, reply, 'tasking/views/tasking.njk', {
      title: 'Tasking',
      base: base(request),
      locations: locations.map((location) => ({
        name: location.name,
        href: locationHref(request, location.id),
        kind: locationKindNames[location.kind],
        places: someOf(location.placeNames),
        reason: location.reason ?? '',
      })),
      groups: groups
        .filter((group) => group.archivedAt === null)
        .map((group) => ({ value: group.id, text: group.name, selected: group.id === asked.group })),
      months: latest.map((month) => ({ value: month, text: monthName(month), selected: month === asked.month })),
      actions: recent.slice(0, recentActionsShown).map((action) => actionRow(request, action)),
      moreActions: Math.max(0, recent.length - recentActionsShown),
      mayAnalyse: mayAnalyse(request),
      mayRecord: mayRecord(request),
      breadcrumbs: partnershipCrumbs(request),
    });
  });

  // Priority locations: a set of LSOAs ticked from the area's, or of streets typed as police.uk names them.
  async function renderLocationForm(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { location: PriorityLocation | null; values: TypedValues; ticked: string[]; errors: FormErrors | null; version: number | null },
  ) {
    const { location } = state;
    const choices = await tasking.placeChoices(partnershipIdOf(request));
    if (state.errors) reply.code(400);
    const crumbs = taskingCrumbs(request);
    if (location) crumbs.push({ text: location.name, href: locationHref(request, location.id) });
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
      action: location ? locationHref(request, location.id) : `${base(request)}/locations`,
      cancel: location ? locationHref(request, location.id) : base(request),
      version: state.version,
      crimeDataHref: `/partnerships/${partnershipIdOf(request)}/crime-data`,
      breadcrumbs: crumbs,
    });
  }

  /** Saves the location, or shows the form again with each problem next to its field and everything as typed. */
  async function saveLocation(request: FastifyRequest, reply: FastifyReply, location: PriorityLocation | null) {
    const body = (request.body ?? {}) as Record<string, unknown>;
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
    const partnershipId = partnershipIdOf(request);
    let id = location?.id ?? '';
    try {
      if (location) await tasking.updateLocation(principalOf(request), partnershipId, location.id, version ?? -1, input);
      else id = await tasking.createLocation(principalOf(request), partnershipId, input);
    } catch (error) {
      if (error instanceof FieldValidationError) {
        return refuse({ [error.field === 'places' ? placesField(kind) : error.field]: error.message });
      }
      if (error instanceof ConflictError) return refuse({ form: error.message }, error.currentVersion);
      throw error;
    }
    request.session.flash = location ? `Priority location “${input.name}” saved` : `Priority location “${input.name}” added`;
    return reply.redirect(locationHref(request, id));
  }

  const loadLocation = (request: FastifyRequest) => tasking.location(partnershipIdOf(request), paramsOf(request).locationId ?? '');

  app.get('/partnerships/:partnershipId/tasking/locations/new', analyse, (request, reply) =>
    renderLocationForm(request, reply, { location: null, values: {}, ticked: [], errors: null, version: null }),
  );
  app.post('/partnerships/:partnershipId/tasking/locations', analyse, (request, reply) => saveLocation(request, reply, null));

  app.get('/partnerships/:partnershipId/tasking/locations/:locationId', view, async (request, reply) => {
    const { location, series, trend } = await loadLocation(request);
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
        count: entry.count === null ? 'Not published' : entry.count.toLocaleString('en-GB'),
      })),
      chart,
      trend: trendText(trend),
      trendMethod: trend.method,
      href: locationHref(request, location.id),
      mayAnalyse: mayAnalyse(request) && location.archivedAt === null,
      breadcrumbs: taskingCrumbs(request),
    });
  });

  app.get('/partnerships/:partnershipId/tasking/locations/:locationId/edit', analyse, async (request, reply) => {
    const { location } = await loadLocation(request);
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
  app.post('/partnerships/:partnershipId/tasking/locations/:locationId', analyse, async (request, reply) => {
    const { location } = await loadLocation(request);
    return saveLocation(request, reply, location);
  });

  app.post('/partnerships/:partnershipId/tasking/locations/:locationId/archive', analyse, async (request, reply) => {
    const { location } = await loadLocation(request);
    await reportOnNextPage(request, async () => {
      await tasking.archiveLocation(principalOf(request), partnershipIdOf(request), location.id, versionOf(request.body));
      return `Priority location “${location.name}” archived: later tasking documents leave it out`;
    });
    return reply.redirect(locationHref(request, location.id));
  });

  // A month's tasking document of a group.
  const documentPath = '/partnerships/:partnershipId/tasking/groups/:groupId/:month';
  const loadDocument = (request: FastifyRequest) =>
    tasking.document(partnershipIdOf(request), paramsOf(request).groupId ?? '', monthOf(request));

  app.get(documentPath, view, async (request, reply) => {
    const doc = await loadDocument(request);
    const partnershipId = partnershipIdOf(request);
    const href = documentHref(request, doc.groupId, doc.month);
    const issued = doc.issued;
    const [visuals, meetingsToCome, attachedOn] = await Promise.all([
      taskingVisuals(doc, deps.mapTiles),
      issued && !issued.agendaItemId && mayAnalyse(request) ? deps.meetingsToCome(partnershipId, doc.groupId) : [],
      issued?.agendaItemId && issued.meetingId ? deps.meetingDate(partnershipId, issued.meetingId) : null,
    ]);
    const recordHref = (target: string) =>
      `${base(request)}/actions/new?${String(new URLSearchParams({ group: doc.groupId, month: doc.month, target }))}`;
    // The meeting the document was issued for, in one step while it is still to come; else any still to come.
    const nextMeeting = meetingsToCome.find((meeting) => meeting.id === doc.meeting?.id);
    return pages.render(request, reply, 'tasking/views/document.njk', {
      title: taskingDocumentTitle(doc),
      doc,
      areaWords: areaWords(doc),
      issueWords: issueWords(doc),
      notPublishedWords: notPublishedWords(doc),
      areaRows: areaRows(doc),
      lastMonth: monthName(previousMonth(doc.month)),
      lastMonthActions: lastMonthActions(doc).map((action) => actionRow(request, action)),
      thisMonthActions: doc.thisMonthActions.map((action) => actionRow(request, action)),
      sections: orderedSections(doc).map((section) => ({
        key: section.key,
        heading: `${sectionKindNames[section.kind]}: ${section.name}`,
        name: section.name,
        why: section.why,
        places: section.placeNames.join('; '),
        rows: sectionRows(doc, section),
        types: crimeTypeRows(section),
        chart: visuals[section.key]?.chart ?? null,
        map: visuals[section.key]?.map ?? null,
        trendMethod: section.trend.method,
        recordHref: recordHref(section.kind === 'priority' ? `location:${section.key}` : section.key),
        locationHref: section.kind === 'priority' ? locationHref(request, section.key) : null,
      })),
      accuracyRows: accuracyRows(doc),
      accuracyMethod: doc.accuracy?.method ?? '',
      accuracyMissing: accuracyMissingWords(doc),
      attribution,
      files: { pdf: `${href}/document.pdf`, docx: `${href}/document.docx` },
      href,
      mayIssue: mayAnalyse(request) && doc.published && !issued,
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
    app.get(`${documentPath}/document.${format}`, view, async (request, reply) => {
      const file = await tasking.documentFile(partnershipIdOf(request), paramsOf(request).groupId ?? '', monthOf(request), format);
      return sendFile(reply, file.fileName, file.contentType, file.bytes);
    });
  }

  app.post(`${documentPath}/issue`, analyse, async (request, reply) => {
    const groupId = paramsOf(request).groupId ?? '';
    const month = monthOf(request);
    await reportOnNextPage(request, async () => {
      await tasking.issue(principalOf(request), partnershipIdOf(request), groupId, month);
      return 'Tasking document issued: the group’s members have been e-mailed that it is ready';
    });
    return reply.redirect(documentHref(request, groupId, month));
  });

  app.post(`${documentPath}/attach`, analyse, async (request, reply) => {
    const groupId = paramsOf(request).groupId ?? '';
    const month = monthOf(request);
    const meetingId = single((request.body as Record<string, unknown> | undefined)?.meetingId) ?? '';
    if (!meetingId) request.session.problem = 'Select the meeting whose agenda the tasking document goes on';
    else {
      await reportOnNextPage(request, async () => {
        await tasking.attach(principalOf(request), partnershipIdOf(request), groupId, month, meetingId);
        return 'Tasking document put on the meeting’s agenda, with its PDF as the item’s paper';
      });
    }
    return reply.redirect(documentHref(request, groupId, month));
  });

  // Tasking actions: an agency's resource for a place, kept in the group's action log.
  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/tasking/actions/new',
    action: '/partnerships/:partnershipId/tasking/actions',
    access: 'partnership:member',
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
    back: (request, { groupId, month }) => (groupId && month ? documentHref(request, groupId, month) : base(request)),
    initialValues: (request, { groupId, month }) => ({ groupId, month, target: queryValues(request.query, ['target']).target ?? '' }),
    async options(request, values) {
      const partnershipId = partnershipIdOf(request);
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
      await tasking.recordAction(principalOf(request), partnershipIdOf(request), value);
      return {
        redirect: documentHref(request, value.groupId, value.month),
        flash: 'Tasking action recorded: it is in the group’s action log, owned by the agency',
      };
    },
  });

  const loadAction = (request: FastifyRequest) => tasking.action(partnershipIdOf(request), paramsOf(request).actionId ?? '');
  const mayReport = (request: FastifyRequest, action: TaskingActionView) =>
    tasking.mayReportResult(partnershipIdOf(request), action.id, principalOf(request));

  app.get('/partnerships/:partnershipId/tasking/actions/:actionId', view, async (request, reply) => {
    const action = await loadAction(request);
    const partnershipId = partnershipIdOf(request);
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
      documentHref: documentHref(request, action.groupId, action.month),
      month: monthName(action.month),
      logHref: `/partnerships/${partnershipId}/actions/${action.actionId}`,
      status: nameOf(actionStatusNames, action.actionStatus),
      reported: action.resultReportedAt
        ? `${formatDateTime(action.resultReportedAt)}${action.resultReportedByName ? ` by ${action.resultReportedByName}` : ''}`
        : null,
      resultHref: `${actionHref(request, action.id)}/result`,
      mayReport: await mayReport(request, action),
      breadcrumbs: taskingCrumbs(request),
    });
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/tasking/actions/:actionId/result',
    action: '/partnerships/:partnershipId/tasking/actions/:actionId/result',
    access: 'partnership:member',
    fields: resultFields,
    schema: resultSchema,
    // Only the owning agency's people and officers see the form: the service refuses anyone else anyway.
    async load(request) {
      const action = await loadAction(request);
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
      { text: `${action.resourceName} at ${action.placeName}`, href: actionHref(request, action.id) },
    ],
    back: (request, action) => actionHref(request, action.id),
    initialValues: (_request, action) => ({ result: action.result ?? '' }),
    version: (action) => action.version,
    async save(request, value, version, action) {
      await tasking.reportResult(principalOf(request), partnershipIdOf(request), action.id, version, value.result);
      return { redirect: actionHref(request, action.id), flash: 'Result reported: the action is done in the group’s action log' };
    },
  });
}

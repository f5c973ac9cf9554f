/**
 * Tasking: the priority locations a partnership manages, the monthly tasking document built from the
 * police.uk crimes of its area (per priority location and per emerging hotspot), issued to the tasking
 * group the working day before its meeting ("despatched electronically, 1 day prior") and put on that
 * meeting's agenda; and the resources each agency commits to a place, kept as actions the agency owns in
 * the group's action log, with the result reported back and shown in the next month's document.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isoNow, takenAt } from '../../platform/clock.ts';
import { formatDate } from '../../platform/dates.ts';
import { FieldValidationError, NotFoundError, NotPermittedError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { updateVersioned } from '../../platform/records.ts';
import {
  addMonths,
  type AreaEditions,
  type AreaLsoa,
  comparability,
  type CrimeCount,
  emergingHotspots,
  hotspotsForAccuracy,
  lsoaLabel,
  lsoaLabeller,
  monthName,
  monthPattern,
  monthlySeries,
  namesStreet,
  predictionAccuracy,
  predictiveCalendar,
  previousMonth,
  sameMonthLastYear,
  trendOf,
} from '../crimedata/index.ts';
import { shiftWorkingDays } from '../../platform/workingDays.ts';
import {
  findDocument,
  findDocumentPdf,
  insertDocument,
  insertLocation,
  insertTaskingAction,
  latestIssuedDocument,
  listLocations,
  listTaskingActions,
  listTaskingGroups,
  type LocationRow,
  replacePlaces,
  setDocumentAgendaItem,
  type TaskingActionRow,
} from './tasking.repository.ts';
import { alreadyIssuedWords, taskingDocumentDocx, taskingDocumentPdf, taskingDocumentTitle, whyNotIssue } from './taskingDocument.ts';
import {
  type LocationKind,
  type PriorityLocation,
  resourceNames,
  type TaskingActionView,
  type TaskingDocument,
  type TaskingSection,
  type TaskingDependencies,
  type TaskingService,
} from './tasking.types.ts';
import { comparableFor, crimeTypeMix, placeFilter, seriesStart, sumWhere } from './sectionFigures.ts';

const alreadyOnAgenda = () => new FieldValidationError('meetingId', 'The tasking document is already on a meeting’s agenda');

export function createTaskingService(deps: TaskingDependencies): TaskingService {
  const { db, audit, clock, actions, crimeData } = deps;

  function requireMonth(month: string): void {
    if (!monthPattern.test(month)) throw new NotFoundError('Month');
  }

  /** The area's LSOAs as its latest month of crimes codes them. */
  async function latestLsoas(partnershipId: string): Promise<AreaLsoa[]> {
    return crimeData.areaLsoas(partnershipId, (await crimeData.publishedMonths(partnershipId)).at(-1) ?? '');
  }

  async function placeNames(partnershipId: string, location: LocationRow): Promise<string[]> {
    if (location.kind !== 'lsoa') return location.places;
    return location.places.map(lsoaLabeller(await latestLsoas(partnershipId)));
  }

  async function view(partnershipId: string, location: LocationRow): Promise<PriorityLocation> {
    return {
      id: location.id,
      version: location.version,
      name: location.name,
      kind: location.kind,
      places: location.places,
      placeNames: await placeNames(partnershipId, location),
      reason: location.reason,
      archivedAt: location.archivedAt,
    };
  }

  async function requireLocation(partnershipId: string, id: string): Promise<LocationRow> {
    const [location] = await listLocations(db, partnershipId, { id, includeArchived: true });
    if (!location) throw new NotFoundError('Priority location');
    return location;
  }

  /** The area's LSOAs and the streets its crimes were at, over every month held. */
  async function placeChoices(partnershipId: string): Promise<{ lsoas: AreaLsoa[]; streets: string[] }> {
    const published = await crimeData.publishedMonths(partnershipId);
    const latest = published.at(-1);
    if (!latest) return { lsoas: await latestLsoas(partnershipId), streets: [] };
    const counts = await crimeData.crimeCounts(partnershipId, { from: published[0] ?? latest, to: latest });
    const byStreet = new Map<string, number>();
    // A location that names no street ("On or near " alone) is no place to task.
    for (const count of counts)
      if (namesStreet(count.location)) byStreet.set(count.location, (byStreet.get(count.location) ?? 0) + count.count);
    const streets = [...byStreet].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([street]) => street);
    return { lsoas: await crimeData.areaLsoas(partnershipId, latest), streets };
  }

  /** The places, checked against the area: every LSOA one of its own, every street one its crimes were at. */
  async function checkPlaces(partnershipId: string, kind: LocationKind, places: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(places.map((place) => place.trim()).filter(Boolean))];
    if (wanted.length === 0)
      throw new FieldValidationError('places', kind === 'lsoa' ? 'Select at least one LSOA' : 'Enter at least one street');
    if (!(await crimeData.area(partnershipId))) {
      throw new FieldValidationError('places', 'Choose the partnership’s area for crime data first, so that its places are known');
    }
    const choices = await placeChoices(partnershipId);
    const known = new Set(kind === 'lsoa' ? choices.lsoas.map((lsoa) => lsoa.code) : choices.streets);
    const unknown = wanted.filter((place) => !known.has(place));
    if (unknown.length > 0) {
      throw new FieldValidationError(
        'places',
        kind === 'lsoa'
          ? `${unknown.join(', ')} ${unknown.length === 1 ? 'is not an LSOA' : 'are not LSOAs'} of the partnership’s area`
          : `No crime in the area was recorded at ${unknown.map((place) => `"${place}"`).join(', ')}: enter each street as police.uk writes it, for example "On or near Market Street"`,
      );
    }
    return wanted.sort();
  }

  function actionView(
    row: TaskingActionRow,
    counts: readonly CrimeCount[],
    published: readonly string[],
    locations: readonly LocationRow[],
    editions: AreaEditions,
  ): TaskingActionView {
    const location = locations.find((candidate) => candidate.id === row.priorityLocationId);
    const keep = location ? placeFilter(location.kind, location.places) : placeFilter('lsoa', [row.lsoaCode ?? '']);
    const comparable = location
      ? comparableFor(editions, location.kind, location.places)
      : comparableFor(editions, 'lsoa', [row.lsoaCode ?? '']);
    const months = comparable ?? published;
    const crimesIn = (month: string) => (months.includes(month) ? sumWhere(counts, month, keep) : null);
    return {
      id: row.id,
      version: row.version,
      actionId: row.actionId,
      actionStatus: row.actionStatus,
      groupId: row.groupId,
      month: row.month,
      priorityLocationId: row.priorityLocationId,
      lsoaCode: row.lsoaCode,
      placeName: row.placeName,
      resource: row.resource,
      resourceName: resourceNames[row.resource],
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      description: row.description,
      result: row.result,
      resultReportedAt: row.resultReportedAt,
      resultReportedByName: row.resultReportedByName,
      crimesInMonth: crimesIn(row.month),
      crimesNextMonth: crimesIn(addMonths(row.month, 1)),
      heldMonths: published,
    };
  }

  /** Tasking actions with the crimes at their places in their month and the month after. */
  async function actionViews(partnershipId: string, rows: TaskingActionRow[]): Promise<TaskingActionView[]> {
    if (rows.length === 0) return [];
    const months = rows.map((row) => row.month).sort();
    const [counts, published, locations, editions] = await Promise.all([
      crimeData.crimeCounts(partnershipId, { from: months[0]!, to: addMonths(months.at(-1)!, 1) }),
      crimeData.publishedMonths(partnershipId),
      listLocations(db, partnershipId, { includeArchived: true }),
      crimeData.areaEditions(partnershipId),
    ]);
    return rows.map((row) => actionView(row, counts, published, locations, editions));
  }

  async function buildDocument(partnershipId: string, groupId: string, month: string): Promise<TaskingDocument> {
    requireMonth(month);
    const [partnershipName, group, area, published, locations, issued] = await Promise.all([
      deps.partnershipName(partnershipId),
      deps.group(partnershipId, groupId),
      crimeData.area(partnershipId),
      crimeData.publishedMonths(partnershipId),
      listLocations(db, partnershipId),
      findDocument(db, { partnershipId, groupId, month }),
    ]);
    // The group's first meeting after the month ends: the document is issued the working day before it.
    const after = `${addMonths(month, 1)}-01`;
    const meeting = (await deps.meetingsFrom(partnershipId, groupId, after)).find((m) => m.status !== 'cancelled') ?? null;
    const from = published[0] && published[0] < month ? published[0] : month;
    const [counts, lsoas, editions] = await Promise.all([
      crimeData.crimeCounts(partnershipId, { from, to: month }),
      crimeData.areaLsoas(partnershipId, month),
      crimeData.areaEditions(partnershipId),
    ]);
    const isPublished = published.includes(month);
    // `months`: those the place compares in (a set of LSOAs, those of their edition), else every month published.
    const figure = (m: string, keep: (count: CrimeCount) => boolean, months = published) =>
      months.includes(m) ? sumWhere(counts, m, keep) : null;
    const expectedFor = (keep: (count: CrimeCount) => boolean, months = published) =>
      predictiveCalendar(month, months, (m) => sumWhere(counts, m, keep)).expected;

    const [lastMonthActions, thisMonthActions] = await Promise.all([
      listTaskingActions(db, partnershipId, { month: previousMonth(month), groupId }).then((rows) => actionViews(partnershipId, rows)),
      listTaskingActions(db, partnershipId, { month, groupId }).then((rows) => actionViews(partnershipId, rows)),
    ]);

    function section(
      key: string,
      kind: TaskingSection['kind'],
      name: string,
      why: string | null,
      place: { kind: LocationKind; places: string[]; names: string[] },
    ): Omit<TaskingSection, 'points'> {
      const keep = placeFilter(place.kind, place.places);
      const comparable = comparableFor(editions, place.kind, place.places);
      const months = comparable ?? published;
      const series = monthlySeries(counts, published, seriesStart(published, month), month, keep, comparable);
      const common = { key, kind, name, why, placeNames: place.names, series, trend: trendOf(series) };
      const lastMonthHere = lastMonthActions.filter((action) =>
        kind === 'priority' ? action.priorityLocationId === key : action.priorityLocationId === null && `lsoa:${action.lsoaCode}` === key,
      );
      // The month's file is coded in other LSOAs than the place's: no figure of the month compares, so none is given.
      if (!months.includes(month)) {
        const none = { count: null, lastMonth: null, sameMonthLastYear: null, expected: null, ratePer1000: null, crimeTypes: [] };
        return { ...common, ...none, lastMonthActions: lastMonthHere };
      }
      const types = new Map<string, number>();
      for (const count of counts)
        if (count.month === month && keep(count)) types.set(count.crimeType, (types.get(count.crimeType) ?? 0) + count.count);
      const count = sumWhere(counts, month, keep);
      const populations =
        place.kind === 'lsoa' ? place.places.map((code) => lsoas.find((lsoa) => lsoa.code === code)?.population ?? null) : [null];
      const population = populations.every((p) => p !== null) ? populations.reduce<number>((sum, p) => sum + (p ?? 0), 0) : 0;
      return {
        ...common,
        count,
        lastMonth: figure(previousMonth(month), keep, months),
        sameMonthLastYear: figure(sameMonthLastYear(month), keep, months),
        expected: expectedFor(keep, months),
        ratePer1000: population > 0 ? Math.round((count / population) * 10_000) / 10 : null,
        crimeTypes: crimeTypeMix(types),
        lastMonthActions: lastMonthHere,
      };
    }

    const sections: Omit<TaskingSection, 'points'>[] = [];
    if (isPublished) {
      for (const location of locations) {
        sections.push(
          section(location.id, 'priority', location.name, location.reason, {
            kind: location.kind,
            places: location.places,
            names: await placeNames(partnershipId, location),
          }),
        );
      }
      const covered = new Set(locations.filter((location) => location.kind === 'lsoa').flatMap((location) => location.places));
      const comparable = comparability(editions);
      const emerging = emergingHotspots({ counts, lsoas, publishedMonths: published, month, limit: 10, comparable }).filter(
        (hotspot) => !covered.has(hotspot.key),
      );
      for (const hotspot of emerging.slice(0, 3)) {
        sections.push(
          section(`lsoa:${hotspot.key}`, 'emerging', hotspot.name, hotspot.reason, {
            kind: 'lsoa',
            places: [hotspot.key],
            names: [lsoaLabel(hotspot.key, hotspot.name)],
          }),
        );
      }
    }
    const withPoints: TaskingSection[] = await Promise.all(
      sections.map(async (s) => {
        if (s.count === null) return { ...s, points: [] };
        const location = locations.find((l) => l.id === s.key);
        const where = location
          ? location.kind === 'lsoa'
            ? { lsoaCodes: location.places }
            : { locations: location.places }
          : { lsoaCodes: [s.key.slice('lsoa:'.length)] };
        return { ...s, points: await crimeData.points(partnershipId, { month, ...where }) };
      }),
    );
    const everywhere = () => true;
    const accuracy = isPublished
      ? predictionAccuracy({ counts, lsoas, publishedMonths: published, month, top: hotspotsForAccuracy(lsoas.length) })
      : null;
    return {
      partnershipId,
      partnershipName,
      groupId,
      groupName: group.name,
      month,
      monthName: monthName(month),
      areaName: area?.name ?? null,
      forceName: area?.forceName ?? null,
      published: isPublished,
      heldMonths: published,
      total: {
        count: sumWhere(counts, month, everywhere),
        lastMonth: figure(previousMonth(month), everywhere),
        sameMonthLastYear: figure(sameMonthLastYear(month), everywhere),
        expected: expectedFor(everywhere),
      },
      meeting: meeting
        ? { id: meeting.id, date: meeting.meetingDate, title: `${meeting.groupName}, ${formatDate(meeting.meetingDate)}` }
        : null,
      issueDate: meeting ? shiftWorkingDays(meeting.meetingDate, -1) : null,
      issued: issued
        ? {
            id: issued.id,
            issuedAt: issued.issuedAt,
            issuedByName: issued.issuedByName,
            meetingId: issued.meetingId,
            agendaItemId: issued.agendaItemId,
          }
        : null,
      sections: withPoints,
      lastMonthActions,
      thisMonthActions,
      accuracy: accuracy && {
        ...accuracy,
        // Named for the reader, as the hotspot page names them.
        hotspots: accuracy.hotspots.map(lsoaLabeller(lsoas)),
      },
    };
  }

  async function requireIssued(partnershipId: string, groupId: string, month: string) {
    const issued = await findDocument(db, { partnershipId, groupId, month });
    if (!issued) throw new FieldValidationError('meetingId', 'Issue the tasking document first');
    return issued;
  }

  return {
    async locations(partnershipId, options = {}) {
      const rows = await listLocations(db, partnershipId, { includeArchived: options.includeArchived ?? false });
      return Promise.all(rows.map((row) => view(partnershipId, row)));
    },

    async location(partnershipId, id) {
      const row = await requireLocation(partnershipId, id);
      const published = await crimeData.publishedMonths(partnershipId);
      const latest = published.at(-1);
      const location = await view(partnershipId, row);
      if (!latest) return { location, series: [], trend: trendOf([]) };
      const from = seriesStart(published, latest);
      const [counts, editions] = await Promise.all([
        crimeData.crimeCounts(partnershipId, { from, to: latest }),
        crimeData.areaEditions(partnershipId),
      ]);
      const comparable = comparableFor(editions, location.kind, location.places);
      const series = monthlySeries(counts, published, from, latest, placeFilter(location.kind, location.places), comparable);
      return { location, series, trend: trendOf(series) };
    },

    placeChoices,

    async createLocation(actor, partnershipId, input) {
      const places = await checkPlaces(partnershipId, input.kind, input.places);
      const id = randomUUID();
      const now = isoNow(clock);
      await db.transaction().execute(async (trx) => {
        const row = {
          id,
          partnershipId,
          name: input.name,
          kind: input.kind,
          reason: input.reason,
          priorityId: null,
          places,
          createdAt: now,
          updatedAt: now,
          archivedAt: null,
        };
        await insertLocation(trx, row);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'priority-location',
          entityId: id,
          partnershipId,
          summary: `Priority location "${input.name}" added`,
          before: null,
          after: { ...input, places },
        });
      });
      return id;
    },

    async updateLocation(actor, partnershipId, id, version, input) {
      const before = await requireLocation(partnershipId, id);
      const places = await checkPlaces(partnershipId, input.kind, input.places);
      await db.transaction().execute(async (trx) => {
        await updateVersioned(trx, audit, actor, {
          table: 'priorityLocations',
          id,
          partnershipId,
          version,
          changes: { name: input.name, kind: input.kind, reason: input.reason, updatedAt: isoNow(clock) },
          what: 'Priority location',
          entry: () => ({
            action: 'update',
            entityType: 'priority-location',
            partnershipId,
            summary: `Priority location "${input.name}" changed`,
            before: { name: before.name, kind: before.kind, reason: before.reason, places: before.places },
            after: { ...input, places },
          }),
        });
        await replacePlaces(trx, id, places);
      });
    },

    async archiveLocation(actor, partnershipId, id, version) {
      const before = await requireLocation(partnershipId, id);
      await db.transaction().execute(async (trx) => {
        const now = isoNow(clock);
        await updateVersioned(trx, audit, actor, {
          table: 'priorityLocations',
          id,
          partnershipId,
          version,
          changes: { archivedAt: now, updatedAt: now },
          what: 'Priority location',
          entry: () => ({
            action: 'archive',
            entityType: 'priority-location',
            partnershipId,
            summary: `Priority location "${before.name}" archived`,
            before: null,
            after: null,
          }),
        });
      });
    },

    document: buildDocument,

    async documentFile(partnershipId, groupId, month, format) {
      const document = await buildDocument(partnershipId, groupId, month);
      const name = taskingDocumentTitle(document);
      if (format === 'docx') {
        return {
          fileName: `${name}.docx`,
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          bytes: await taskingDocumentDocx(document),
        };
      }
      const issuedPdf = document.issued ? await findDocumentPdf(db, document.issued.id) : undefined;
      return { fileName: `${name}.pdf`, contentType: 'application/pdf', bytes: issuedPdf ?? (await taskingDocumentPdf(document)) };
    },

    async latestIssued(partnershipId) {
      const row = await latestIssuedDocument(db, partnershipId);
      if (!row) return null;
      return {
        title: `Tasking document: ${row.groupName}, ${monthName(row.month)}`,
        issuedOn: formatDate(row.issuedAt),
        href: `/partnerships/${partnershipId}/tasking/groups/${encodeURIComponent(row.groupId)}/${row.month}`,
      };
    },

    issueRecipients: (partnershipId, groupId) => deps.groupRecipients(partnershipId, groupId),

    async issue(actor, partnershipId, groupId, month) {
      const document = await buildDocument(partnershipId, groupId, month);
      const refusal = whyNotIssue(document);
      if (refusal) throw new FieldValidationError('form', refusal);
      const pdf = await taskingDocumentPdf(document);
      const id = randomUUID();
      const issuing = db.transaction().execute(async (trx) => {
        await insertDocument(trx, {
          id,
          partnershipId,
          groupId,
          month,
          meetingId: document.meeting?.id ?? null,
          pdf,
          issuedAt: isoNow(clock),
          issuedBy: actor.userId,
          agendaItemId: null,
        });
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'tasking-document',
          entityId: id,
          partnershipId,
          summary: `${taskingDocumentTitle(document)} issued`,
          before: null,
          after: { groupId, month, meetingId: document.meeting?.id ?? null },
        });
      });
      // Issued by someone else at the same moment: one document, and the second is told.
      await issuing.catch(async (error: unknown) => {
        const other = isUniqueViolation(error) ? await findDocument(db, { partnershipId, groupId, month }) : undefined;
        throw other ? new FieldValidationError('form', alreadyIssuedWords(document.monthName, other.issuedAt)) : error;
      });
      const link = `${deps.publicUrl}/partnerships/${partnershipId}/tasking/groups/${groupId}/${month}`;
      return deps.notifyGroupMembers(
        partnershipId,
        groupId,
        `${taskingDocumentTitle(document)}`,
        `The tasking document for ${document.monthName} is ready${document.meeting ? ` for the meeting on ${formatDate(document.meeting.date)}` : ''}.\n\nRead it and download it here:\n${link}\n`,
      );
    },

    async attach(actor, partnershipId, groupId, month, meetingId) {
      const issued = await requireIssued(partnershipId, groupId, month);
      if (issued.agendaItemId) throw alreadyOnAgenda();
      const meeting = await deps.meetingStillToCome(partnershipId, meetingId);
      if (meeting.groupId !== groupId) throw new FieldValidationError('meetingId', 'Select a meeting of the tasking group');
      const document = await buildDocument(partnershipId, groupId, month);
      const title = taskingDocumentTitle(document);
      await deps.attachReport(actor, partnershipId, meeting.id, {
        title,
        purpose: 'To task partners’ resources to the priority locations and emerging hotspots',
        pdf: (await findDocumentPdf(db, issued.id)) ?? (await taskingDocumentPdf(document)),
        // Where agencies will patrol and watch is not for the public agenda.
        confidentialReason: 'it sets out where and when agencies will deploy their resources',
        // Only the first of two attachments at once (to different meetings, say) may note its item.
        alongside: async (trx, itemId) => {
          if (!(await setDocumentAgendaItem(trx, issued.id, meeting.id, itemId))) throw alreadyOnAgenda();
        },
      });
    },

    async actions(partnershipId, filter = {}) {
      return actionViews(partnershipId, await listTaskingActions(db, partnershipId, filter));
    },

    taskingGroups: (partnershipId) => listTaskingGroups(db, partnershipId),

    async documentsOfActions(partnershipId, actionIds) {
      const rows = await listTaskingActions(db, partnershipId, { actionIds });
      return rows.map(({ actionId, groupId, month }) => ({ actionId, groupId, month }));
    },

    async action(partnershipId, id) {
      const [row] = await listTaskingActions(db, partnershipId, { id });
      if (!row) throw new NotFoundError('Tasking action');
      const [viewed] = await actionViews(partnershipId, [row]);
      return viewed!;
    },

    async recordAction(actor, partnershipId, input) {
      requireMonth(input.month);
      const group = await deps.group(partnershipId, input.groupId);
      const organisation = await deps.organisation(partnershipId, input.organisationId).catch(() => {
        throw new FieldValidationError('organisationId', 'Select the agency');
      });
      if (input.endsOn < input.startsOn)
        throw new FieldValidationError('endsOn', 'The last day must be the same as or after the first day');
      let place: { priorityLocationId: string | null; lsoaCode: string | null; placeName: string };
      if (input.target.startsWith('location:')) {
        const [location] = await listLocations(db, partnershipId, { id: input.target.slice('location:'.length) });
        if (!location) throw new FieldValidationError('target', 'Select the place');
        place = { priorityLocationId: location.id, lsoaCode: null, placeName: location.name };
      } else {
        const code = input.target.slice('lsoa:'.length);
        const lsoa = input.target.startsWith('lsoa:')
          ? (await crimeData.areaLsoas(partnershipId, input.month)).find((l) => l.code === code)
          : undefined;
        if (!lsoa) throw new FieldValidationError('target', 'Select the place');
        place = { priorityLocationId: null, lsoaCode: lsoa.code, placeName: lsoaLabel(lsoa.code, lsoa.name) };
      }
      const resourceName = resourceNames[input.resource];
      const id = randomUUID();
      const now = isoNow(clock);
      await db.transaction().execute(async (trx) => {
        const actionId = await actions.recordOutsideMeeting(
          trx,
          actor,
          {
            partnershipId,
            groupId: group.id,
            description: `${resourceName} at ${place.placeName}, ${formatDate(input.startsOn)} to ${formatDate(input.endsOn)}: ${input.description}`,
            owner: organisation.name,
            ownerPersonId: null,
            ownerOrganisationId: organisation.id,
            dueDate: input.endsOn,
          },
          `for the tasking document of ${monthName(input.month)}`,
        );
        await insertTaskingAction(trx, {
          id,
          partnershipId,
          actionId,
          month: input.month,
          ...place,
          resource: input.resource,
          description: input.description,
          organisationId: organisation.id,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          result: null,
          resultReportedAt: null,
          resultReportedBy: null,
          createdAt: now,
          updatedAt: now,
        });
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'tasking-action',
          entityId: id,
          partnershipId,
          summary: `${organisation.name}: ${resourceName} at ${place.placeName}`,
          before: null,
          after: { ...input, ...place },
        });
      });
      return id;
    },

    async mayReportResult(partnershipId, id, by) {
      const [row] = await listTaskingActions(db, partnershipId, { id });
      if (!row) throw new NotFoundError('Tasking action');
      return actions.mayUpdateAction(partnershipId, (await actions.action(partnershipId, row.actionId, by)).action, by);
    },

    async reportResult(by, partnershipId, id, version, result, on) {
      const [row] = await listTaskingActions(db, partnershipId, { id });
      if (!row) throw new NotFoundError('Tasking action');
      const { action } = await actions.action(partnershipId, row.actionId, by);
      if (!(await actions.mayUpdateAction(partnershipId, action, by))) {
        throw new NotPermittedError(`Only ${row.organisationName} or a partnership officer can report the result`);
      }
      // The action log checks again who may, and its update is the result in the group's record: the tasking row
      // changes in the same transaction, so neither is written without the other.
      const update = { status: 'done' as const, note: `Result: ${result}` };
      const reported = async (trx: Kysely<Database>) => {
        const now = takenAt(clock, on);
        await updateVersioned(trx, audit, by, {
          table: 'taskingActions',
          id,
          partnershipId,
          version,
          changes: { result, resultReportedAt: now, resultReportedBy: by.userId, updatedAt: now },
          what: 'Tasking action',
          entry: () => ({
            action: 'update',
            entityType: 'tasking-action',
            partnershipId,
            summary: `Result reported for ${row.organisationName}: ${resourceNames[row.resource]} at ${row.placeName}`,
            before: { result: row.result },
            after: { result },
          }),
        });
      };
      await actions.updateAction(by, partnershipId, row.actionId, action.version, update, reported, on);
    },
  };
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { reportOnNextPage } from '../../web/buttons.ts';
import { describeWhen, formatDate } from '../../core/dates.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { nameOf, valuesFromRecord } from '../../web/forms.ts';
import { isAllowed, viewerOf } from '../../web/permissions.ts';
import { queryValues, versionOf } from '../../web/query.ts';
import type { Crumb } from '../../web/recordPages.ts';
import { sendFile } from '../../web/csv.ts';
import type { PageRenderer } from '../../web/render.ts';
import type { ActionsService } from '../actions/index.ts';
import type { GovernanceService } from '../governance/index.ts';
import {
  cancelFields,
  cancelSchema,
  cycleFields,
  cycleSchema,
  meetingFields,
  meetingKindNames,
  meetingSchema,
  meetingStatusNames,
  rescheduleFields,
  rescheduleSchema,
} from './meetings.schemas.ts';
import { isRemovable } from './agenda.ts';
import type { AgendaService } from './agenda.service.ts';
import { registerAttendanceRoutes } from './attendance.routes.ts';
import type { AttendanceService } from './attendance.service.ts';
import { registerAgendaRoutes } from './agenda.routes.ts';
import type { MeetingDetails, MeetingsService } from './meetings.service.ts';
import { minutesStatusNames } from './minutesLife.ts';
import { buildMinutesDocument } from './minutesDocument.ts';
import { minutesToDocx, minutesToPdf } from './minutesFiles.ts';
import { describeDecision, registerMinutesRoutes } from './minutes.routes.ts';
import type { MinutesService } from './minutes.service.ts';
import { registerPaperRoutes } from './papers.routes.ts';
import type { PapersService } from './papers.service.ts';

interface MeetingParams {
  partnershipId: string;
  id: string;
}

const actorOf = (request: FastifyRequest) => ({ userId: request.principal?.userId ?? null });
const partnershipIdOf = (request: FastifyRequest) => (request.params as { partnershipId: string }).partnershipId;

function crumbs(request: FastifyRequest, ...more: Crumb[]): Crumb[] {
  const partnership = request.partnership;
  return [
    { text: 'Your partnerships', href: '/' },
    ...(partnership ? [{ text: partnership.shortName, href: `/partnerships/${partnership.id}` }] : []),
    { text: 'Meetings', href: `/partnerships/${partnershipIdOf(request)}/meetings` },
    ...more,
  ];
}

export interface MinutesSources {
  meetings: MeetingsService;
  agenda: AgendaService;
  attendance: AttendanceService;
  minutes: MinutesService;
}

/** The minutes document of a meeting; the public version leaves out confidential (Part II) items. */
export async function meetingMinutesDocument(
  { meetings, agenda, attendance, minutes }: MinutesSources,
  partnershipId: string,
  id: string,
  publicVersion: boolean,
) {
  const [{ meeting }, sections, present, life] = await Promise.all([
    meetings.get(partnershipId, id),
    agenda.agenda(partnershipId, id),
    attendance.attendance(partnershipId, id),
    minutes.life(partnershipId, id),
  ]);
  const items = sections.flatMap((section) => section.items);
  const itemMinutes = await Promise.all(items.map((item) => minutes.itemMinutes(partnershipId, id, item.id)));
  const document = buildMinutesDocument({
    groupName: meeting.groupName,
    when: describeWhen(meeting.meetingDate, meeting.startTime),
    location: meeting.location,
    status: minutesStatusNames[life.status],
    publicVersion,
    attendance: present,
    items: items.map((item, index) => {
      const record = itemMinutes[index];
      return {
        ...item,
        narrative: record?.narrative ?? '',
        declarations: record?.declarations ?? [],
        decisions: (record?.decisions ?? []).map((d) => ({ wording: d.wording, standing: describeDecision(d) })),
        actions: record?.actions ?? [],
      };
    }),
    signedBy: life.signedBy,
    signedAt: life.signedAt,
  });
  const name = `${meeting.groupName} minutes ${meeting.meetingDate}${publicVersion ? ' public' : ''}`;
  return { meeting, document, name };
}

export function registerMeetingRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  {
    meetings,
    agenda,
    attendance,
    minutes,
    papers,
    actions,
  }: {
    meetings: MeetingsService;
    agenda: AgendaService;
    attendance: AttendanceService;
    minutes: MinutesService;
    papers: PapersService;
    actions: ActionsService;
  },
  governance: GovernanceService,
): void {
  const view = { config: { access: 'partnership:view' as const } };
  const groupOptions = async (request: FastifyRequest) => ({
    groupId: (await governance.groups.list(partnershipIdOf(request))).map((group) => ({ value: group.id, text: group.name })),
  });

  app.get('/partnerships/:partnershipId/meetings', view, async (request, reply) => {
    const partnershipId = partnershipIdOf(request);
    const { groupId } = queryValues(request.query, ['groupId']);
    const [{ upcoming, past }, groups] = await Promise.all([
      meetings.timeline(partnershipId, groupId ? { groupId } : {}),
      governance.groups.list(partnershipId),
    ]);
    const row = (meeting: (typeof upcoming)[number]) => ({
      href: `/partnerships/${partnershipId}/meetings/${meeting.id}`,
      when: describeWhen(meeting.meetingDate, meeting.startTime),
      group: meeting.groupName,
      status: nameOf(meetingStatusNames, meeting.status),
      cancelled: meeting.status === 'cancelled',
    });
    return pages.render(request, reply, 'meetings/views/meetings.njk', {
      title: 'Meetings',
      groups,
      groupId: groupId ?? '',
      upcoming: upcoming.map(row),
      past: past.map(row),
      canManage: isAllowed(request.principal, 'partnership:manage', request.partnership),
      breadcrumbs: crumbs(request).slice(0, -1),
    });
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/meetings/cycle',
    action: '/partnerships/:partnershipId/meetings/cycle',
    access: 'partnership:manage',
    fields: cycleFields,
    schema: cycleSchema,
    load: () => Promise.resolve(null),
    title: () => 'Plan a year of meetings',
    intro: () =>
      'Choose a group and the day it usually meets. Its meetings for the next twelve months are added at the rate its terms of reference set (monthly, bi-monthly, quarterly). You can move or cancel single meetings afterwards.',
    submitText: 'Plan meetings',
    crumbs: (request) => crumbs(request),
    back: (request) => `/partnerships/${partnershipIdOf(request)}/meetings`,
    initialValues: (request) => {
      const { groupId } = queryValues(request.query, ['groupId']);
      return { ...(groupId ? { groupId } : {}), ordinal: '2', weekday: '4', startTime: '10:00' };
    },
    options: groupOptions,
    async save(request, value) {
      const partnershipId = partnershipIdOf(request);
      const { scheduled, alreadyThere } = await meetings.scheduleCycle(actorOf(request), partnershipId, value);
      const plural = (n: number) => `${n} meeting${n === 1 ? '' : 's'}`;
      const skipped = alreadyThere.length
        ? ` ${plural(alreadyThere.length)} already planned on those dates ${alreadyThere.length === 1 ? 'was' : 'were'} kept.`
        : '';
      return {
        redirect: `/partnerships/${partnershipId}/meetings?groupId=${value.groupId}`,
        flash: `${plural(scheduled.length)} planned.${skipped}`,
      };
    },
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/meetings/new',
    action: '/partnerships/:partnershipId/meetings',
    access: 'partnership:manage',
    fields: meetingFields,
    schema: meetingSchema,
    load: () => Promise.resolve(null),
    title: () => 'Add a meeting',
    intro: () => 'For a single meeting, such as an extraordinary meeting or the annual public meeting.',
    submitText: 'Add meeting',
    crumbs: (request) => crumbs(request),
    back: (request) => `/partnerships/${partnershipIdOf(request)}/meetings`,
    initialValues: (request) => ({ ...queryValues(request.query, ['groupId']), kind: 'extraordinary', startTime: '10:00' }),
    options: groupOptions,
    async save(request, value) {
      const id = await meetings.schedule(actorOf(request), partnershipIdOf(request), value);
      return { redirect: `/partnerships/${partnershipIdOf(request)}/meetings/${id}`, flash: 'Meeting added' };
    },
  });

  app.get<{ Params: MeetingParams }>('/partnerships/:partnershipId/meetings/:id', view, async (request, reply) => {
    const { partnershipId, id } = request.params;
    // Every item and paper is listed; the page links Part II papers only for those who may read them.
    const [
      {
        details: { meeting, deadlines, changes, canRecordHeld },
        sections,
      },
      present,
      life,
    ] = await Promise.all([
      papers.meetingPapers(partnershipId, id, 'group'),
      attendance.attendance(partnershipId, id),
      minutes.life(partnershipId, id),
    ]);
    const [mattersArising, audience] = await Promise.all([
      actions.mattersArising(partnershipId, meeting),
      papers.audienceFor(partnershipId, id, viewerOf(request)),
    ]);
    return pages.render(request, reply, 'meetings/views/meeting.njk', {
      life,
      mattersArising,
      lifeStatus: minutesStatusNames[life.status],
      canSign: isAllowed(request.principal, 'partnership:chair', request.partnership),
      attendance: present,
      sections: sections.map((section) => ({
        ...section,
        items: section.items.map((item) => ({ ...item, removable: isRemovable(item) })),
      })),
      title: `${meeting.groupName}: ${describeWhen(meeting.meetingDate, meeting.startTime)}`,
      meeting,
      when: describeWhen(meeting.meetingDate, meeting.startTime),
      kind: nameOf(meetingKindNames, meeting.kind),
      status: nameOf(meetingStatusNames, meeting.status),
      deadlines,
      changes: changes.map((change) => ({
        ...change,
        from: describeWhen(change.fromDate, change.fromTime),
        to: change.toDate && change.toTime ? describeWhen(change.toDate, change.toTime) : null,
      })),
      canManage: isAllowed(request.principal, 'partnership:manage', request.partnership) && meeting.status !== 'cancelled',
      canSeeConfidential: audience === 'group',
      canRecordHeld,
      breadcrumbs: crumbs(request),
    });
  });

  app.post<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:id/held',
    { config: { access: 'partnership:manage' } },
    async (request, reply) => {
      const { partnershipId, id } = request.params;
      await reportOnNextPage(request, async () => {
        await meetings.recordHeld(actorOf(request), partnershipId, id, versionOf(request.body));
        return 'Recorded that the meeting was held';
      });
      return reply.redirect(meetingHref(request, id));
    },
  );

  const loadMeeting = (request: FastifyRequest): Promise<MeetingDetails> => {
    const { partnershipId, id } = request.params as MeetingParams;
    return meetings.get(partnershipId, id);
  };
  const meetingCrumbs = (request: FastifyRequest, { meeting }: MeetingDetails) =>
    crumbs(request, { text: `${meeting.groupName}, ${formatDate(meeting.meetingDate)}`, href: meetingHref(request, meeting.id) });
  const meetingHref = (request: FastifyRequest, id: string) => `/partnerships/${partnershipIdOf(request)}/meetings/${id}`;

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/meetings/:id/reschedule',
    action: '/partnerships/:partnershipId/meetings/:id/reschedule',
    access: 'partnership:manage',
    fields: rescheduleFields,
    schema: rescheduleSchema,
    load: loadMeeting,
    title: ({ meeting }) => `Move the meeting of ${meeting.groupName}`,
    intro: ({ meeting }) =>
      `It is now on ${describeWhen(meeting.meetingDate, meeting.startTime)}. The old date and the reason are kept with the meeting.`,
    submitText: 'Move meeting',
    crumbs: meetingCrumbs,
    back: (request, { meeting }) => meetingHref(request, meeting.id),
    initialValues: (_request, { meeting }) => valuesFromRecord(rescheduleFields, meeting),
    version: ({ meeting }) => meeting.version,
    async save(request, value, version, { meeting }) {
      await meetings.reschedule(actorOf(request), partnershipIdOf(request), meeting.id, version, value);
      return { redirect: meetingHref(request, meeting.id), flash: `Meeting moved to ${describeWhen(value.meetingDate, value.startTime)}` };
    },
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/meetings/:id/cancel',
    action: '/partnerships/:partnershipId/meetings/:id/cancel',
    access: 'partnership:manage',
    fields: cancelFields,
    schema: cancelSchema,
    load: loadMeeting,
    title: ({ meeting }) => `Cancel the meeting of ${meeting.groupName} on ${formatDate(meeting.meetingDate)}`,
    intro: () => 'The meeting stays in the list, marked as cancelled, with the reason.',
    submitText: 'Cancel meeting',
    warning: true,
    crumbs: meetingCrumbs,
    back: (request, { meeting }) => meetingHref(request, meeting.id),
    initialValues: () => ({}),
    version: ({ meeting }) => meeting.version,
    async save(request, value, version, { meeting }) {
      await meetings.cancel(actorOf(request), partnershipIdOf(request), meeting.id, version, value.reason);
      return { redirect: meetingHref(request, meeting.id), flash: 'Meeting cancelled' };
    },
  });

  registerAgendaRoutes(app, pages, agenda, { crumbs: meetingCrumbs, load: loadMeeting });
  registerPaperRoutes(app, pages, papers, { crumbs: meetingCrumbs, load: loadMeeting });
  registerAttendanceRoutes(app, pages, attendance, governance, { crumbs: meetingCrumbs, load: loadMeeting });
  registerMinutesRoutes(app, pages, { minutes, meetings }, governance);

  /** `?public=yes` leaves out confidential (Part II) items. */
  const minutesDocument = (request: FastifyRequest<{ Params: MeetingParams }>) =>
    meetingMinutesDocument(
      { meetings, agenda, attendance, minutes },
      request.params.partnershipId,
      request.params.id,
      queryValues(request.query, ['public']).public === 'yes',
    );

  // The minutes as one page, for printing and signing, and as Word and PDF files.
  app.get<{ Params: MeetingParams }>('/partnerships/:partnershipId/meetings/:id/minutes/print', view, async (request, reply) => {
    const { meeting, document } = await minutesDocument(request);
    const { partnershipId, id } = request.params;
    return pages.render(request, reply, 'meetings/views/minutes-print.njk', {
      title: `Minutes: ${meeting.groupName}, ${formatDate(meeting.meetingDate)}`,
      document,
      files: `/partnerships/${partnershipId}/meetings/${id}/minutes/file`,
      query: document.publicVersion ? '?public=yes' : '',
      breadcrumbs: crumbs(request, {
        text: `${meeting.groupName}, ${formatDate(meeting.meetingDate)}`,
        href: `/partnerships/${partnershipId}/meetings/${id}`,
      }),
    });
  });

  app.get<{ Params: MeetingParams }>('/partnerships/:partnershipId/meetings/:id/minutes/file.docx', view, async (request, reply) => {
    const { document, name } = await minutesDocument(request);
    return sendFile(
      reply,
      `${name}.docx`,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      await minutesToDocx(document),
    );
  });

  app.get<{ Params: MeetingParams }>('/partnerships/:partnershipId/meetings/:id/minutes/file.pdf', view, async (request, reply) => {
    const { document, name } = await minutesDocument(request);
    return sendFile(reply, `${name}.pdf`, 'application/pdf', await minutesToPdf(document));
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { reportOnNextPage } from '../../web/buttons.ts';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { valuesFromRecord } from '../../web/forms.ts';
import { nameOf } from '../../platform/inputs.ts';
import { isAllowed } from '../../platform/policy.ts';
import { principalOf } from '../../web/permissions.ts';
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
import type { MinutesReader, MinutesService } from './minutes.service.ts';
import type { ReadingOptions } from './confidentiality.ts';
import { registerPaperRoutes } from './papers.routes.ts';
import type { PapersService } from './papers.service.ts';

interface MeetingParams {
  partnershipId: string;
  id: string;
}

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

/**
 * The minutes document of a meeting, with what the minutes service lets this reader read: Part II items only
 * for the group's readers who did not ask for the public version (`as` names the form, for the audit log).
 */
export async function meetingMinutesDocument(
  minutes: MinutesService,
  reader: MinutesReader,
  partnershipId: string,
  id: string,
  options: ReadingOptions & { as: string },
) {
  const { meeting, life, attendance, items, publicVersion, withheld } = await minutes.readMinutes(reader, partnershipId, id, options);
  const document = buildMinutesDocument({
    groupName: meeting.groupName,
    when: describeWhen(meeting.meetingDate, meeting.startTime),
    location: meeting.location,
    status: minutesStatusNames[life.status],
    publicVersion,
    withheld,
    attendance,
    items: items.map((item) => ({
      ...item,
      decisions: item.decisions.map((d) => ({ wording: d.wording, standing: describeDecision(d) })),
    })),
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
      const { scheduled, alreadyThere } = await meetings.scheduleCycle(principalOf(request), partnershipId, value);
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
      const id = await meetings.schedule(principalOf(request), partnershipIdOf(request), value);
      return { redirect: `/partnerships/${partnershipIdOf(request)}/meetings/${id}`, flash: 'Meeting added' };
    },
  });

  app.get<{ Params: MeetingParams }>('/partnerships/:partnershipId/meetings/:id', view, async (request, reply) => {
    const { partnershipId, id } = request.params;
    // A Part II item keeps its place and number; only its group's readers see what it is.
    const audience = await papers.audienceFor(partnershipId, id, principalOf(request));
    const [
      {
        details: { meeting, deadlines, changes, canRecordHeld },
        sections,
      },
      present,
      life,
    ] = await Promise.all([
      papers.meetingPapers(partnershipId, id, audience),
      attendance.attendance(partnershipId, id),
      minutes.life(partnershipId, id),
    ]);
    const mattersArising = await actions.mattersArising(partnershipId, meeting, principalOf(request));
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
        await meetings.recordHeld(principalOf(request), partnershipId, id, versionOf(request.body));
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
      await meetings.reschedule(principalOf(request), partnershipIdOf(request), meeting.id, version, value);
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
      await meetings.cancel(principalOf(request), partnershipIdOf(request), meeting.id, version, value.reason);
      return { redirect: meetingHref(request, meeting.id), flash: 'Meeting cancelled' };
    },
  });

  registerAgendaRoutes(app, pages, agenda, { crumbs: meetingCrumbs, load: loadMeeting });
  registerPaperRoutes(app, pages, papers, { crumbs: meetingCrumbs, load: loadMeeting });
  registerAttendanceRoutes(app, pages, attendance, governance, { crumbs: meetingCrumbs, load: loadMeeting });
  registerMinutesRoutes(app, pages, { minutes, meetings }, governance);

  /** What the reader may read; `?public=yes` asks for the public version, which can only narrow it. */
  const minutesDocument = (request: FastifyRequest<{ Params: MeetingParams }>, as: string) =>
    meetingMinutesDocument(minutes, principalOf(request), request.params.partnershipId, request.params.id, {
      publicVersion: queryValues(request.query, ['public']).public === 'yes',
      as,
    });

  // The minutes as one page, for printing and signing, and as Word and PDF files.
  app.get<{ Params: MeetingParams }>('/partnerships/:partnershipId/meetings/:id/minutes/print', view, async (request, reply) => {
    const { meeting, document } = await minutesDocument(request, 'printable page');
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
    const { document, name } = await minutesDocument(request, 'Word');
    return sendFile(
      reply,
      `${name}.docx`,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      await minutesToDocx(document),
    );
  });

  app.get<{ Params: MeetingParams }>('/partnerships/:partnershipId/meetings/:id/minutes/file.pdf', view, async (request, reply) => {
    const { document, name } = await minutesDocument(request, 'PDF');
    return sendFile(reply, `${name}.pdf`, 'application/pdf', await minutesToPdf(document));
  });
}

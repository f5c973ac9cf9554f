/**
 * The public pages, without sign-in: a partnership's published meetings, each meeting's public
 * agenda and papers, its iCalendar file, a calendar feed per group, and the public version of
 * approved minutes. Confidential (Part II) items and their papers are never among them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { sendFile } from '../../web/csv.ts';
import { queryValues } from '../../web/query.ts';
import type { PageRenderer } from '../../web/render.ts';
import { sendStoredFile } from '../../web/uploads.ts';
import type { GovernanceService } from '../governance/index.ts';
import { type CalendarMeeting, meetingsCalendar } from './calendar.ts';
import type { MeetingView } from './meetings.repository.ts';
import { meetingMinutesDocument } from './meetings.routes.ts';
import type { MeetingsService } from './meetings.service.ts';
import type { MinutesService } from './minutes.service.ts';
import { minutesToDocx, minutesToPdf } from './minutesFiles.ts';
import { paperKinds } from './papers.ts';
import type { PapersService } from './papers.service.ts';

interface PublicParams {
  partnershipId: string;
  id: string;
  paperId?: string;
}

const publicAccess = { config: { access: 'public' as const } };
const paramsOf = (request: FastifyRequest) => request.params as PublicParams;
const publicMeetings = (partnershipId: string) => `/public/partnerships/${partnershipId}/meetings`;

export function registerPublicationRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  sources: { meetings: MeetingsService; minutes: MinutesService; papers: PapersService; config: { publicUrl: string } },
  governance: GovernanceService,
): void {
  const { papers, minutes } = sources;
  const base = '/public/partnerships/:partnershipId';

  /** Calendars need whole addresses: the service's public one (PUBLIC_URL), never the request's Host header. */
  const calendarEntry = (meeting: MeetingView): CalendarMeeting => ({
    ...meeting,
    url: `${sources.config.publicUrl}${publicMeetings(meeting.partnershipId)}/${meeting.id}`,
  });

  /** Approved minutes are public once the meeting is; drafts never are. */
  async function approvedMinutes(partnershipId: string, id: string, as: string) {
    await papers.meetingPapers(partnershipId, id, 'public');
    const life = await minutes.life(partnershipId, id);
    if (life.status !== 'approved' && life.status !== 'signed') throw new NotFoundError('minutes');
    return meetingMinutesDocument(minutes, 'public', partnershipId, id, { as });
  }

  app.get(`${base}/meetings`, publicAccess, async (request, reply) => {
    const { partnershipId } = paramsOf(request);
    const { groupId } = queryValues(request.query, ['groupId']);
    const [{ upcoming, past }, groups] = await Promise.all([
      sources.meetings.timeline(partnershipId, groupId ? { groupId } : {}),
      governance.groups.list(partnershipId),
    ]);
    const rows = (meetings: MeetingView[]) =>
      meetings
        .filter((meeting) => meeting.publishedAt !== null)
        .map((meeting) => ({
          href: `${publicMeetings(partnershipId)}/${meeting.id}`,
          when: describeWhen(meeting.meetingDate, meeting.startTime),
          group: meeting.groupName,
          cancelled: meeting.status === 'cancelled',
        }));
    return pages.render(request, reply, 'meetings/views/public-meetings.njk', {
      title: `Meetings of ${request.partnership?.name ?? ''}`,
      groups,
      groupId: groupId ?? '',
      upcoming: rows(upcoming),
      past: rows(past),
    });
  });

  app.get(`${base}/meetings/:id`, publicAccess, async (request, reply) => {
    const { partnershipId, id } = paramsOf(request);
    const [{ details, sections }, life] = await Promise.all([
      papers.meetingPapers(partnershipId, id, 'public'),
      minutes.life(partnershipId, id),
    ]);
    const { meeting } = details;
    return pages.render(request, reply, 'meetings/views/public-meeting.njk', {
      title: `${meeting.groupName}: ${describeWhen(meeting.meetingDate, meeting.startTime)}`,
      meeting,
      when: describeWhen(meeting.meetingDate, meeting.startTime),
      publishedOn: formatDate(meeting.publishedAt),
      sections,
      minutesApproved: life.status === 'approved' || life.status === 'signed',
      href: `${publicMeetings(partnershipId)}/${id}`,
      feed: `/public/partnerships/${partnershipId}/groups/${meeting.groupId}/meetings.ics`,
      breadcrumbs: [{ text: `Meetings of ${request.partnership?.shortName ?? ''}`, href: publicMeetings(partnershipId) }],
    });
  });

  app.get(`${base}/meetings/:id/meeting.ics`, publicAccess, async (request, reply) => {
    const { partnershipId, id } = paramsOf(request);
    const { meeting } = (await papers.meetingPapers(partnershipId, id, 'public')).details;
    const calendar = meetingsCalendar(meeting.groupName, [calendarEntry(meeting)]);
    return sendFile(reply, `${meeting.groupName} ${meeting.meetingDate}.ics`, 'text/calendar; charset=utf-8', calendar);
  });

  // A feed is subscribed to, not downloaded: calendars fetch it again from time to time.
  app.get(`${base}/groups/:id/meetings.ics`, publicAccess, async (request, reply) => {
    const { partnershipId, id } = paramsOf(request);
    const group = await governance.groups.get(partnershipId, id);
    const published = await papers.published(partnershipId, group.id);
    const calendar = meetingsCalendar(
      group.name,
      published.map((meeting) => calendarEntry(meeting)),
    );
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'public, max-age=3600').send(calendar);
  });

  app.get(`${base}/meetings/:id/agenda-pack.pdf`, publicAccess, async (request, reply) => {
    const { partnershipId, id } = paramsOf(request);
    const { meeting, pdf } = await papers.pack('public', request.partnership?.name ?? '', partnershipId, id);
    return sendFile(reply, `${meeting.groupName} agenda pack ${meeting.meetingDate}.pdf`, 'application/pdf', pdf);
  });

  app.get(`${base}/meetings/:id/papers/:paperId`, publicAccess, async (request, reply) => {
    const { partnershipId, id, paperId = '' } = paramsOf(request);
    const { paper, content } = await papers.file('public', partnershipId, id, paperId);
    return sendStoredFile(reply, paper, content);
  });

  app.get(`${base}/meetings/:id/minutes.pdf`, publicAccess, async (request, reply) => {
    const { partnershipId, id } = paramsOf(request);
    const { document, name } = await approvedMinutes(partnershipId, id, 'PDF');
    return sendFile(reply, `${name}.pdf`, 'application/pdf', await minutesToPdf(document));
  });

  app.get(`${base}/meetings/:id/minutes.docx`, publicAccess, async (request, reply) => {
    const { partnershipId, id } = paramsOf(request);
    const { document, name } = await approvedMinutes(partnershipId, id, 'Word');
    return sendFile(reply, `${name}.docx`, paperKinds.docx.contentType, await minutesToDocx(document));
  });
}

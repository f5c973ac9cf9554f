/**
 * The public pages, without sign-in: a partnership's published meetings, each meeting's public
 * agenda and papers, its iCalendar file, a calendar feed per group, and the public version of
 * approved minutes. Confidential (Part II) items and their papers are never among them; a withdrawn
 * agenda's page says so, with the reason, and shows neither the agenda nor its papers.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { sendFile } from '../../web/csv.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { partnershipParams, queryText, recordParams } from '../../web/schemas.ts';
import { sendStoredFile } from '../../web/uploads.ts';
import { publicCrumbs, publicHomeCrumb } from '../../web/recordPages.ts';
import { type CalendarMeeting, meetingsCalendar } from './calendar.ts';
import type { MeetingView } from './meetings.repository.ts';
import type { MeetingRouteDependencies } from './meetings.pages.ts';
import { meetingMinutesDocument } from './meetings.routes.ts';
import { minutesToDocx, minutesToPdf } from './minutesFiles.ts';
import { paperKinds } from '../../platform/documentFiles.ts';

const publicAccess = { access: 'public' } as const;
const publicMeetings = (partnershipId: string) => `/public/partnerships/${partnershipId}/meetings`;
const paperParams = recordParams.extend({ paperId: z.string() });

export const publicationRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/public/partnerships/:partnershipId',
  plugin(instance, { pages, deps }, done) {
    const { papers, minutes, groups, group: groupOf, publicUrl } = deps;
    const app = instance.withTypeProvider<ZodTypeProvider>();

    /** Calendars need whole addresses: the service's public one (PUBLIC_URL), never the request's Host header. */
    const calendarEntry = (meeting: MeetingView): CalendarMeeting => ({
      ...meeting,
      url: `${publicUrl}${publicMeetings(meeting.partnershipId)}/${meeting.id}`,
    });

    /** Approved minutes are public once the meeting is; drafts never are. */
    async function approvedMinutes(partnershipId: string, id: string, as: string) {
      await papers.meetingPapers(partnershipId, id, 'public');
      const life = await minutes.life(partnershipId, id);
      if (life.status !== 'approved' && life.status !== 'signed') throw new NotFoundError('minutes');
      return meetingMinutesDocument(minutes, 'public', partnershipId, id, { as });
    }

    app.get(
      '/meetings',
      { config: publicAccess, schema: { params: partnershipParams, querystring: z.object({ groupId: queryText }) } },
      async (request, reply) => {
        const { partnershipId } = request.params;
        const { groupId } = request.query;
        const [{ upcoming, past }, allGroups] = await Promise.all([
          deps.meetings.timeline(partnershipId, groupId ? { groupId } : {}),
          groups(partnershipId),
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
          groups: allGroups,
          groupId: groupId ?? '',
          upcoming: rows(upcoming),
          past: rows(past),
          breadcrumbs: [publicHomeCrumb],
        });
      },
    );

    app.get('/meetings/:id', { config: publicAccess, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
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
        withdrawnOn: meeting.agendaWithdrawnAt ? formatDate(meeting.agendaWithdrawnAt) : null,
        sections,
        minutesApproved: life.status === 'approved' || life.status === 'signed',
        href: `${publicMeetings(partnershipId)}/${id}`,
        feed: `/public/partnerships/${partnershipId}/groups/${meeting.groupId}/meetings.ics`,
        breadcrumbs: publicCrumbs(request),
      });
    });

    app.get('/meetings/:id/meeting.ics', { config: publicAccess, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const { meeting } = (await papers.meetingPapers(partnershipId, id, 'public')).details;
      const calendar = meetingsCalendar(meeting.groupName, [calendarEntry(meeting)]);
      return sendFile(reply, `${meeting.groupName} ${meeting.meetingDate}.ics`, 'text/calendar; charset=utf-8', calendar);
    });

    // A feed is subscribed to, not downloaded: calendars fetch it again from time to time.
    app.get('/groups/:id/meetings.ics', { config: publicAccess, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const group = await groupOf(partnershipId, id);
      const published = await papers.published(partnershipId, group.id);
      const calendar = meetingsCalendar(
        group.name,
        published.map((meeting) => calendarEntry(meeting)),
      );
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'public, max-age=3600').send(calendar);
    });

    app.get('/meetings/:id/agenda-pack.pdf', { config: publicAccess, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const { meeting, pdf } = await papers.pack('public', request.partnership?.name ?? '', partnershipId, id);
      return sendFile(reply, `${meeting.groupName} agenda pack ${meeting.meetingDate}.pdf`, 'application/pdf', pdf);
    });

    app.get('/meetings/:id/papers/:paperId', { config: publicAccess, schema: { params: paperParams } }, async (request, reply) => {
      const { partnershipId, id, paperId } = request.params;
      const { paper, content } = await papers.file('public', partnershipId, id, paperId);
      return sendStoredFile(reply, paper, content);
    });

    app.get('/meetings/:id/minutes.pdf', { config: publicAccess, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const { document, name } = await approvedMinutes(partnershipId, id, 'PDF');
      return sendFile(reply, `${name}.pdf`, 'application/pdf', await minutesToPdf(document));
    });

    app.get('/meetings/:id/minutes.docx', { config: publicAccess, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const { document, name } = await approvedMinutes(partnershipId, id, 'Word');
      return sendFile(reply, `${name}.docx`, paperKinds.docx.contentType, await minutesToDocx(document));
    });
    done();
  },
};

/**
 * The meetings of a partnership: the list, planning a year or adding one, a meeting's page, moving,
 * cancelling or recording it as held, and its minutes to print or download. Under /partnerships/:partnershipId/meetings.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportOnNextPage } from '../../web/buttons.ts';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { valuesFromRecord } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { paginate } from '../../web/pagination.ts';
import { nameOf } from '../../platform/inputs.ts';
import { kept } from '../../platform/kept.ts';
import { isAllowed, isOfficer } from '../../platform/policy.ts';
import type { Principal } from '../../platform/principal.ts';
import { interestCategoryNames } from '../governance/index.ts';
import { withoutIndenting } from '../../web/render.ts';
import { keptPageKey, principalOf } from '../../web/permissions.ts';
import { queryValues, versionOf } from '../../web/query.ts';
import { sendFile } from '../../web/csv.ts';
import { formBody, partnershipParams, queryText } from '../../web/schemas.ts';
import { cancelFields, cycleFields, meetingFields, meetingKindNames, meetingStatusNames, rescheduleFields } from './meetings.forms.ts';
import { cancelSchema, cycleSchema, meetingSchema, rescheduleSchema } from './meetings.inputs.ts';
import { isRemovable } from './agenda.ts';
import { notStartedYet } from './meetingTime.ts';
import { agendaRefusals } from './papers.ts';
import {
  meetingCrumbs,
  meetingHref,
  type MeetingParams,
  meetingParams,
  type MeetingRouteDependencies,
  meetingsCrumbs,
  meetingsHref,
  publicVersionQuery,
} from './meetings.pages.ts';
import type { MeetingDetails } from './meetings.service.ts';
import { minutesStatusNames } from './minutesLife.ts';
import { buildMinutesDocument } from './minutesDocument.ts';
import { minutesToDocx, minutesToPdf } from './minutesFiles.ts';
import { describeDecision } from './minutes.routes.ts';
import type { MinutesReader, MinutesService } from './minutes.service.ts';
import type { ReadingOptions } from './confidentiality.ts';

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

const groupQuery = z.object({ groupId: queryText, page: queryText });
const view = { access: 'partnership:view' } as const;

export const meetingRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/meetings',
  plugin(instance, { pages, deps }, done) {
    const { meetings, attendance, minutes, memberActs, papers, groups, mattersArising } = deps;
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const groupOptions = async (request: { params: { partnershipId: string } }) => ({
      groupId: (await groups(request.params.partnershipId)).map((group) => ({ value: group.id, text: group.name })),
    });

    app.get('', { config: view, schema: { params: partnershipParams, querystring: groupQuery } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const { groupId } = request.query;
      const pagination = paginate(meetingsHref(partnershipId), request.query);
      const [{ upcoming, past, pastTotal }, allGroups] = await Promise.all([
        meetings.timelinePage(partnershipId, { groupId: groupId || undefined }, pagination),
        groups(partnershipId),
      ]);
      const lastPage = pagination.beyondEnd(pastTotal);
      if (lastPage) return reply.redirect(lastPage);
      const row = (meeting: (typeof upcoming)[number]) => ({
        href: meetingHref({ partnershipId, id: meeting.id }),
        when: describeWhen(meeting.meetingDate, meeting.startTime),
        group: meeting.groupName,
        status: nameOf(meetingStatusNames, meeting.status),
        cancelled: meeting.status === 'cancelled',
      });
      return pages.render(request, reply, 'meetings/views/meetings.njk', {
        title: 'Meetings',
        groups: allGroups,
        groupId: groupId ?? '',
        upcoming: upcoming.map(row),
        past: past.map(row),
        pastTotal,
        pagination: pagination.links(pastTotal),
        canManage: isAllowed(request.principal, 'partnership:manage', request.partnership),
        breadcrumbs: meetingsCrumbs(request, partnershipId).slice(0, -1),
      });
    });

    registerFormPage(app, pages, {
      path: '/cycle',
      action: '/cycle',
      access: 'partnership:manage',
      params: partnershipParams,
      fields: cycleFields,
      schema: cycleSchema,
      load: () => Promise.resolve(null),
      title: () => 'Plan a year of meetings',
      intro: () =>
        'Choose a group and the day it usually meets. Its meetings for the next twelve months are added at the rate its terms of reference set (monthly, bi-monthly, quarterly). You can move or cancel single meetings afterwards.',
      submitText: 'Plan meetings',
      crumbs: (request) => meetingsCrumbs(request, request.params.partnershipId),
      back: (request) => meetingsHref(request.params.partnershipId),
      initialValues: (request) => {
        const { groupId } = queryValues(request.query, ['groupId']);
        return { ...(groupId ? { groupId } : {}), ordinal: '2', weekday: '4', startTime: '10:00' };
      },
      options: groupOptions,
      async save(request, value) {
        const { partnershipId } = request.params;
        const { scheduled, alreadyThere } = await meetings.scheduleCycle(principalOf(request), partnershipId, value);
        const plural = (n: number) => `${n} meeting${n === 1 ? '' : 's'}`;
        const skipped = alreadyThere.length
          ? ` ${plural(alreadyThere.length)} already planned on those dates ${alreadyThere.length === 1 ? 'was' : 'were'} kept.`
          : '';
        return {
          redirect: `${meetingsHref(partnershipId)}?groupId=${value.groupId}`,
          flash: `${plural(scheduled.length)} planned.${skipped}`,
        };
      },
    });

    registerFormPage(app, pages, {
      path: '/new',
      action: '',
      access: 'partnership:manage',
      params: partnershipParams,
      fields: meetingFields,
      schema: meetingSchema,
      load: () => Promise.resolve(null),
      title: () => 'Add a meeting',
      intro: () => 'For a single meeting, such as an extraordinary meeting or the annual public meeting.',
      submitText: 'Add meeting',
      crumbs: (request) => meetingsCrumbs(request, request.params.partnershipId),
      back: (request) => meetingsHref(request.params.partnershipId),
      // No kind is chosen for the user (GOV.UK: radios start unselected).
      initialValues: (request) => ({ ...queryValues(request.query, ['groupId']), startTime: '10:00' }),
      options: groupOptions,
      async save(request, value) {
        const { partnershipId } = request.params;
        const id = await meetings.schedule(principalOf(request), partnershipId, value);
        return { redirect: meetingHref({ partnershipId, id }), flash: 'Meeting added' };
      },
    });

    /** What members did for themselves: the officer sees everyone's, a member their own and what they may do now. */
    const membersPart = async (principal: Principal, partnershipId: string, id: string) => {
      const [standing, apologies, comments, declared] = await Promise.all([
        memberActs.standing(principal, partnershipId, id),
        isOfficer(principal, partnershipId) ? memberActs.apologies(partnershipId, id) : [],
        memberActs.comments(principal, partnershipId, id),
        memberActs.declaredInterests(principal, partnershipId, id),
      ]);
      return {
        standing,
        apologies,
        comments: { total: comments.length, open: comments.filter((c) => !c.resolution).length },
        declared: declared.map((d) => ({ ...d, category: nameOf(interestCategoryNames, d.category) })),
      };
    };

    /** A meeting's page inside the layout, as one reader sees it: what it shows of the meeting, and what the reader did and may do. */
    const meetingBody = async (request: FastifyRequest & { params: MeetingParams }) => {
      const { partnershipId, id } = request.params;
      const principal = principalOf(request);
      // A Part II item keeps its place and number; only its group's readers see what it is.
      const audience = await papers.audienceFor(partnershipId, id, principal);
      const [
        {
          details: { meeting, deadlines, changes, canRecordHeld, started },
          sections,
        },
        present,
        life,
        yourPart,
      ] = await Promise.all([
        papers.meetingPapers(partnershipId, id, audience),
        attendance.attendance(partnershipId, id),
        minutes.life(partnershipId, id),
        membersPart(principal, partnershipId, id),
      ]);
      const when = describeWhen(meeting.meetingDate, meeting.startTime);
      const html = pages.fragment('meetings/views/meeting-body.njk', {
        ...yourPart,
        life,
        mattersArising: await mattersArising(partnershipId, meeting, principal),
        lifeStatus: minutesStatusNames[life.status],
        canSign: isAllowed(request.principal, 'partnership:chair', request.partnership),
        attendance: present,
        sections: sections.map((section) => ({
          ...section,
          items: section.items.map((item) => ({ ...item, removable: isRemovable(item) })),
        })),
        meeting,
        when,
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
        started,
        notStarted: started ? null : notStartedYet(meeting),
        agendaSteps: agendaRefusals(meeting, life.status),
        // The request's own token goes where this stands, at each request.
        csrfToken: () => csrfStandIn,
      });
      return { html: withoutIndenting(html), title: `${meeting.groupName}: ${when}` };
    };
    /** Unguessable, so that nothing typed into a meeting's page can stand for the token. */
    const csrfStandIn = randomUUID();
    /**
     * Kept for each reader while nothing the page is read from changes, to the minute (decision 0057); the layout
     * around it (name, CSRF token, flash) is the request's own. At most this many meetings' pages at once.
     */
    const meetingBodies = kept<{ html: string; title: string }>(256);

    app.get('/:id', { config: view, schema: { params: meetingParams } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const key = keptPageKey(request, await meetings.pageVersion(partnershipId));
      const { html, title } = await meetingBodies(key, () => meetingBody(request));
      return pages.render(request, reply, 'meetings/views/meeting.njk', {
        title,
        body: (token: string) => html.replaceAll(csrfStandIn, token),
        breadcrumbs: meetingsCrumbs(request, partnershipId),
      });
    });

    app.post(
      '/:id/held',
      { config: { access: 'partnership:manage' }, schema: { params: meetingParams, body: formBody } },
      async (request, reply) => {
        const { partnershipId, id } = request.params;
        await reportOnNextPage(request, async () => {
          await meetings.recordHeld(principalOf(request), partnershipId, id, versionOf(request.body));
          return 'Recorded that the meeting was held';
        });
        return reply.redirect(meetingHref(request.params));
      },
    );

    const loadMeeting = (request: { params: MeetingParams }): Promise<MeetingDetails> =>
      meetings.get(request.params.partnershipId, request.params.id);

    registerFormPage(app, pages, {
      path: '/:id/reschedule',
      action: '/:id/reschedule',
      access: 'partnership:manage',
      params: meetingParams,
      fields: rescheduleFields,
      schema: rescheduleSchema,
      load: loadMeeting,
      title: ({ meeting }) => `Move the meeting of ${meeting.groupName}`,
      intro: ({ meeting }) =>
        `It is now on ${describeWhen(meeting.meetingDate, meeting.startTime)}. The old date and the reason are kept with the meeting.`,
      submitText: 'Move meeting',
      crumbs: meetingCrumbs,
      back: (request) => meetingHref(request.params),
      initialValues: (_request, { meeting }) => valuesFromRecord(rescheduleFields, meeting),
      version: ({ meeting }) => meeting.version,
      async save(request, value, version) {
        const { partnershipId, id } = request.params;
        await meetings.reschedule(principalOf(request), partnershipId, id, version, value);
        return { redirect: meetingHref(request.params), flash: `Meeting moved to ${describeWhen(value.meetingDate, value.startTime)}` };
      },
    });

    registerFormPage(app, pages, {
      path: '/:id/cancel',
      action: '/:id/cancel',
      access: 'partnership:manage',
      params: meetingParams,
      fields: cancelFields,
      schema: cancelSchema,
      load: loadMeeting,
      title: ({ meeting }) => `Cancel the meeting of ${meeting.groupName} on ${formatDate(meeting.meetingDate)}`,
      intro: () => 'The meeting stays in the list, marked as cancelled, with the reason.',
      submitText: 'Cancel meeting',
      warning: true,
      crumbs: meetingCrumbs,
      back: (request) => meetingHref(request.params),
      initialValues: () => ({}),
      version: ({ meeting }) => meeting.version,
      async save(request, value, version) {
        const { partnershipId, id } = request.params;
        await meetings.cancel(principalOf(request), partnershipId, id, version, value.reason);
        return { redirect: meetingHref(request.params), flash: 'Meeting cancelled' };
      },
    });

    /** What the reader may read; `?public=yes` asks for the public version, which can only narrow it. */
    const minutesDocument = (request: FastifyRequest & { params: MeetingParams; query: { public?: string | undefined } }, as: string) =>
      meetingMinutesDocument(minutes, principalOf(request), request.params.partnershipId, request.params.id, {
        publicVersion: request.query.public === 'yes',
        as,
      });
    const minutesRoute = { config: view, schema: { params: meetingParams, querystring: publicVersionQuery } };

    // The minutes as one page, for printing and signing, and as Word and PDF files.
    app.get('/:id/minutes/print', minutesRoute, async (request, reply) => {
      const { meeting, document } = await minutesDocument(request, 'printable page');
      const { partnershipId, id } = request.params;
      return pages.render(request, reply, 'meetings/views/minutes-print.njk', {
        title: `Minutes: ${meeting.groupName}, ${formatDate(meeting.meetingDate)}`,
        document,
        files: `${meetingsHref(partnershipId)}/${id}/minutes/file`,
        query: document.publicVersion ? '?public=yes' : '',
        breadcrumbs: meetingsCrumbs(request, partnershipId, {
          text: `${meeting.groupName}, ${formatDate(meeting.meetingDate)}`,
          href: meetingHref(request.params),
        }),
      });
    });

    app.get('/:id/minutes/file.docx', minutesRoute, async (request, reply) => {
      const { document, name } = await minutesDocument(request, 'Word');
      return sendFile(
        reply,
        `${name}.docx`,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        await minutesToDocx(document),
      );
    });

    app.get('/:id/minutes/file.pdf', minutesRoute, async (request, reply) => {
      const { document, name } = await minutesDocument(request, 'PDF');
      return sendFile(reply, `${name}.pdf`, 'application/pdf', await minutesToPdf(document));
    });
    done();
  },
};

/**
 * The steps on a meeting's page that cannot be taken back: publishing its agenda (and withdrawing it, with a
 * reason), circulating and signing its minutes. Each asks first on a page that says what will happen and whom
 * it e-mails (web/confirmation.ts); the step's message then says whom it told. A step the rules refuse is
 * not asked about: the meeting's page says why. Under /partnerships/:partnershipId/meetings/:id.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { describeRecipients, emailedLine } from '../../platform/recipients.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { type Confirmation, readReason, renderConfirmation } from '../../web/confirmation.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { versionOf } from '../../web/query.ts';
import { formBody } from '../../web/schemas.ts';
import type { MeetingView } from './meetings.repository.ts';
import { meetingHref, type MeetingParams, meetingParams, type MeetingRouteDependencies, meetingsCrumbs } from './meetings.pages.ts';
import { unpublishedAgenda } from './minutesLife.ts';
import { agendaRefusals } from './papers.ts';

const manage = { access: 'partnership:manage' } as const;
const chair = { access: 'partnership:chair' } as const;
const asking = { schema: { params: meetingParams } };
const doing = { schema: { params: meetingParams, body: formBody } };

export const meetingStepRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/meetings/:id',
  plugin(instance, { pages, deps }, done) {
    const { meetings, minutes, papers, groupRecipients } = deps;
    const app = instance.withTypeProvider<ZodTypeProvider>();

    const meetingRows = (meeting: MeetingView) => [
      { key: 'Group', value: meeting.groupName },
      { key: 'Meeting', value: describeWhen(meeting.meetingDate, meeting.startTime) },
      { key: 'Place', value: meeting.location },
    ];

    /** Asks, or (the rules refusing the step) goes back to the meeting's page, which says why. */
    async function ask(
      request: FastifyRequest & { params: MeetingParams },
      reply: FastifyReply,
      refusal: string | null,
      confirmation: (meeting: MeetingView) => Omit<Confirmation, 'breadcrumbs'> | Promise<Omit<Confirmation, 'breadcrumbs'>>,
      anchor: string,
    ) {
      const { meeting } = await meetings.get(request.params.partnershipId, request.params.id);
      if (refusal) {
        request.session.problem = refusal;
        return reply.redirect(`${meetingHref(request.params)}${anchor}`);
      }
      return renderConfirmation(pages, request, reply, {
        ...(await confirmation(meeting)),
        caption: meeting.groupName,
        breadcrumbs: meetingsCrumbs(request, meeting.partnershipId, {
          text: `${meeting.groupName}, ${formatDate(meeting.meetingDate)}`,
          href: meetingHref(request.params),
        }),
      });
    }

    const agendaOf = async ({ partnershipId, id }: MeetingParams) => {
      const [{ meeting }, life] = await Promise.all([meetings.get(partnershipId, id), minutes.life(partnershipId, id)]);
      return agendaRefusals(meeting, life.status);
    };

    app.get('/publish', { config: manage, ...asking }, async (request, reply) =>
      ask(
        request,
        reply,
        (await agendaOf(request.params)).publish,
        async (meeting) => {
          const recipients = await groupRecipients(meeting.partnershipId, meeting.groupId);
          return {
            title: `Publish the agenda for ${formatDate(meeting.meetingDate)}?`,
            rows: meetingRows(meeting),
            happens: [
              'The agenda and the papers of its public items go on the public page, where anyone can read them.',
              'Part II (confidential) items show there only as a confidential item, without their title or papers.',
              'Papers added after this are marked as supplements.',
              ...emailedLine(recipients, 'a link to the agenda'),
            ],
            recipients,
            action: `${meetingHref(request.params)}/publish`,
            button: 'Publish the agenda',
            cancel: `${meetingHref(request.params)}#agenda`,
          };
        },
        '#agenda',
      ),
    );

    app.post('/publish', { config: manage, ...doing }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      await reportOnNextPage(request, async () => {
        const published = await papers.publish(principalOf(request), partnershipId, id);
        // The notice goes by a queued job: it is on its way, to the members named here.
        const told = await groupRecipients(partnershipId, published.groupId);
        return `Agenda published on ${formatDate(published.publishedAt)}: its public part is on the public page. ${describeRecipients(told, 'sent')}`;
      });
      return reply.redirect(`${meetingHref(request.params)}#agenda`);
    });

    const withdrawal = (reason: { value?: string; error?: string }) => async (meeting: MeetingView) => {
      const recipients = await groupRecipients(meeting.partnershipId, meeting.groupId);
      return {
        title: `Withdraw the agenda for ${formatDate(meeting.meetingDate)}?`,
        rows: [...meetingRows(meeting), { key: 'Published', value: formatDate(meeting.publishedAt) }],
        happens: [
          'The public page says the agenda was withdrawn, on what date and why, and no longer shows the agenda or its papers.',
          ...emailedLine(recipients, 'that it was withdrawn, with your reason'),
          'You can publish the agenda again later.',
        ],
        recipients,
        reason: { label: 'Why is the agenda being withdrawn?', hint: 'This is shown on the public page and sent to members.', ...reason },
        action: `${meetingHref({ partnershipId: meeting.partnershipId, id: meeting.id })}/withdraw`,
        button: 'Withdraw the agenda',
        warning: true,
        cancel: `${meetingHref({ partnershipId: meeting.partnershipId, id: meeting.id })}#agenda`,
      };
    };

    app.get('/withdraw', { config: manage, ...asking }, async (request, reply) =>
      ask(request, reply, (await agendaOf(request.params)).withdraw, withdrawal({}), '#agenda'),
    );

    app.post('/withdraw', { config: manage, ...doing }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const { value: reason, error } = readReason(request.body, 'Enter why the agenda is being withdrawn');
      if (error) {
        reply.code(400);
        return ask(request, reply, null, withdrawal({ value: reason, error }), '#agenda');
      }
      await reportOnNextPage(request, async () => {
        const withdrawn = await papers.withdraw(principalOf(request), partnershipId, id, reason);
        const told = await groupRecipients(partnershipId, withdrawn.groupId);
        return `Agenda withdrawn: the public page now says so, with your reason. ${describeRecipients(told, 'sent')}`;
      });
      return reply.redirect(`${meetingHref(request.params)}#agenda`);
    });

    app.get('/minutes/circulate', { config: manage, ...asking }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const life = await minutes.life(partnershipId, id);
      return ask(
        request,
        reply,
        life.refusals.circulate,
        async (meeting) => {
          const recipients = await minutes.circulationRecipients(partnershipId, id);
          return {
            title: `Circulate the minutes of ${formatDate(meeting.meetingDate)}?`,
            rows: meetingRows(meeting),
            happens: [
              'The minutes are marked as circulated today, as the draft for approval at a later meeting.',
              ...emailedLine(recipients, 'a link to read them after signing in (the e-mail does not contain the minutes)'),
              'Until they are approved, the minutes can still be corrected.',
              ...(meeting.publishedAt ? [] : [unpublishedAgenda]),
            ],
            recipients,
            hidden: { version: life.version },
            action: `${meetingHref(request.params)}/minutes/circulate`,
            button: 'Circulate the minutes',
            cancel: `${meetingHref(request.params)}#minutes`,
          };
        },
        '#minutes',
      );
    });

    app.post('/minutes/circulate', { config: manage, ...doing }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      await reportOnNextPage(request, async () => {
        const told = await minutes.circulate(principalOf(request), partnershipId, id, versionOf(request.body));
        return `Minutes marked as circulated. ${describeRecipients(told, 'sent')}`;
      });
      return reply.redirect(`${meetingHref(request.params)}#minutes`);
    });

    app.get('/minutes/sign', { config: chair, ...asking }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const life = await minutes.life(partnershipId, id);
      const signer = request.principal?.name ?? 'The chair';
      return ask(
        request,
        reply,
        life.refusals.sign,
        (meeting) => ({
          title: `Sign the minutes of ${formatDate(meeting.meetingDate)}?`,
          rows: [
            ...meetingRows(meeting),
            ...(life.approvedAtMeeting
              ? [{ key: 'Approved', value: `At the meeting of ${formatDate(life.approvedAtMeeting.meetingDate)}` }]
              : []),
            { key: 'Signed by', value: signer },
          ],
          happens: [
            `The minutes are recorded as signed by ${signer} today, as a true and accurate record.`,
            'Signed minutes cannot change: a correction is recorded beside them as an amendment.',
            'Nobody is e-mailed.',
          ],
          hidden: { version: life.version },
          action: `${meetingHref(request.params)}/minutes/sign`,
          button: 'Sign the minutes',
          cancel: `${meetingHref(request.params)}#minutes`,
        }),
        '#minutes',
      );
    });

    app.post('/minutes/sign', { config: chair, ...doing }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      await reportOnNextPage(request, async () => {
        await minutes.sign(principalOf(request), partnershipId, id, versionOf(request.body), request.principal?.name ?? 'The chair');
        return 'Minutes signed';
      });
      return reply.redirect(`${meetingHref(request.params)}#minutes`);
    });
    done();
  },
};

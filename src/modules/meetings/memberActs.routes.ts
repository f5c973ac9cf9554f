/**
 * What members do for themselves about a meeting (under /partnerships/:partnershipId/meetings/:id): send and
 * withdraw apologies, declare an interest on an item before the meeting, and comment on circulated draft minutes;
 * and the officer's side of each: recording a declared interest in the minutes, and resolving comments.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formatDate } from '../../platform/dates.ts';
import { optionsOf, attempt, errorsFor, type Field, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { isOfficer } from '../../platform/policy.ts';
import { single } from '../../web/query.ts';
import { formBody } from '../../web/schemas.ts';
import { interestCategoryNames } from '../governance/index.ts';
import { apologiesSchema, commentResolutionSchema, itemInterestSchema, minutesCommentSchema } from './meetings.inputs.ts';
import {
  itemParams,
  meetingCrumbs,
  meetingHref,
  type MeetingParams,
  meetingParams,
  type MeetingRouteDependencies,
} from './meetings.pages.ts';
import { commentResolutionNames, type MemberStanding } from './memberActs.service.ts';

export const apologiesFields: Field[] = [
  {
    name: 'substitutePersonId',
    label: 'Who will come in your place (optional)',
    kind: 'select',
    emptyText: 'No one',
    hint: 'Someone from your organisation in this partnership',
  },
  { name: 'note', label: 'Note for the officer (optional)', kind: 'textarea', rows: 3 },
];

export const itemInterestFields: Field[] = [
  { name: 'category', label: 'Kind of interest', kind: 'radios', options: optionsOf(interestCategoryNames) },
  {
    name: 'interestId',
    label: 'Interest in the register (optional)',
    kind: 'select',
    emptyText: 'Not in the register',
    hint: 'Your entry in the register of interests this refers to',
  },
  {
    name: 'nature',
    label: 'Nature of the interest',
    kind: 'textarea',
    rows: 3,
    hint: 'For example, "Trustee of an organisation bidding for the funding"',
  },
];

export const commentFields: Field[] = [
  { name: 'agendaItemId', label: 'What your comment is about', kind: 'select', emptyText: 'The minutes as a whole' },
  { name: 'comment', label: 'Your comment', kind: 'textarea', rows: 4, hint: 'Say what the minutes should say, and why' },
];

const commentsHref = (params: MeetingParams) => `${meetingHref(params)}/minutes/comments`;
const itemMinutesHref = (params: MeetingParams & { itemId: string }) => `${meetingHref(params)}/items/${params.itemId}/minutes`;

export const memberActRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/meetings',
  plugin(instance, { pages, deps: { memberActs, meetings } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const member = { access: 'partnership:member' } as const;
    const manage = { access: 'partnership:manage' } as const;

    /** A member's form page shows, instead of the form, why they cannot use it now. */
    const formTemplate = 'meetings/views/member-act-form.njk';
    const reasonFor =
      (act: keyof MemberStanding['refusals']) =>
      <C extends { standing: MemberStanding }>({ standing }: C) => ({ reason: standing.refusals[act] });

    registerFormPage(app, pages, {
      path: '/:id/apologies',
      action: '/:id/apologies',
      access: 'partnership:member',
      params: meetingParams,
      fields: apologiesFields,
      schema: apologiesSchema,
      async load(request) {
        const standing = await memberActs.standing(principalOf(request), request.params.partnershipId, request.params.id);
        const substitutes = standing.self ? await memberActs.substitutesFor(request.params.partnershipId, standing.self) : [];
        return { standing, substitutes };
      },
      template: formTemplate,
      details: reasonFor('apologies'),
      title: ({ standing }) => (standing.apology ? 'Change your apologies' : 'Send apologies'),
      intro: ({ standing: { meeting, apology } }) =>
        `For the meeting of ${meeting.groupName} on ${formatDate(meeting.meetingDate)}. ` +
        (apology
          ? `You sent apologies on ${formatDate(apology.sentAt.slice(0, 10))}. You can change them, or withdraw them from the meeting page, until the meeting starts.`
          : 'The officer sees them, and who will come in your place, on the attendance form.'),
      submitText: 'Send apologies',
      crumbs: (request, { standing }) => meetingCrumbs(request, standing),
      back: (request) => meetingHref(request.params),
      initialValues: (_request, { standing: { apology } }) => ({
        substitutePersonId: apology?.substitutePersonId ?? '',
        note: apology?.note ?? '',
      }),
      options: async (request) => {
        const { self } = await memberActs.standing(principalOf(request), request.params.partnershipId, request.params.id);
        const substitutes = self ? await memberActs.substitutesFor(request.params.partnershipId, self) : [];
        return { substitutePersonId: substitutes.map((person) => ({ value: person.id, text: person.name })) };
      },
      async save(request, value) {
        await memberActs.sendApologies(principalOf(request), request.params.partnershipId, request.params.id, value);
        return { redirect: `${meetingHref(request.params)}#your-part`, flash: 'Apologies sent' };
      },
    });

    app.post('/:id/apologies/withdraw', { config: member, schema: { params: meetingParams, body: formBody } }, async (request, reply) => {
      await reportOnNextPage(request, async () => {
        await memberActs.withdrawApologies(principalOf(request), request.params.partnershipId, request.params.id);
        return 'Apologies withdrawn';
      });
      return reply.redirect(`${meetingHref(request.params)}#your-part`);
    });

    registerFormPage(app, pages, {
      path: '/:id/items/:itemId/interest',
      action: '/:id/items/:itemId/interest',
      access: 'partnership:member',
      params: itemParams,
      fields: itemInterestFields,
      schema: itemInterestSchema,
      load: (request) =>
        memberActs.itemToDeclare(principalOf(request), request.params.partnershipId, request.params.id, request.params.itemId),
      template: formTemplate,
      details: reasonFor('interest'),
      title: () => 'Declare an interest',
      intro: ({ item, standing: { meeting } }) =>
        `On item "${item.title}" of the meeting of ${meeting.groupName} on ${formatDate(meeting.meetingDate)}. The officer sees it before the meeting and records it in the minutes.`,
      submitText: 'Declare interest',
      crumbs: (request, { standing }) => meetingCrumbs(request, standing),
      back: (request) => meetingHref(request.params),
      initialValues: () => ({}),
      options: async (request) => {
        const { interests } = await memberActs.itemToDeclare(
          principalOf(request),
          request.params.partnershipId,
          request.params.id,
          request.params.itemId,
        );
        return { interestId: interests.map((interest) => ({ value: interest.id, text: interest.description })) };
      },
      async save(request, value) {
        await memberActs.declareInterest(
          principalOf(request),
          request.params.partnershipId,
          request.params.id,
          request.params.itemId,
          value,
        );
        return { redirect: `${meetingHref(request.params)}#your-part`, flash: 'Interest declared' };
      },
    });

    app.post(
      '/:id/items/:itemId/minutes/declared',
      { config: manage, schema: { params: itemParams, body: formBody } },
      async (request, reply) => {
        const { partnershipId, id, itemId } = request.params;
        await reportOnNextPage(request, async () => {
          await memberActs.recordInMinutes(principalOf(request), partnershipId, id, itemId, single(request.body.declaredId) ?? '');
          return 'Declaration of interest recorded';
        });
        return reply.redirect(itemMinutesHref(request.params));
      },
    );

    /** The comments page: the member's form (while it can succeed), and the comments the reader may see. */
    async function renderComments(
      request: FastifyRequest & { params: MeetingParams },
      reply: FastifyReply,
      state: { typed: TypedValues; errors: FormErrors | null; resolving: TypedValues; resolveErrors: FormErrors | null },
    ) {
      const { partnershipId, id } = request.params;
      const principal = principalOf(request);
      const [standing, comments, details, items] = await Promise.all([
        memberActs.standing(principal, partnershipId, id),
        memberActs.comments(principal, partnershipId, id),
        meetings.get(partnershipId, id),
        memberActs.commentableItems(principal, partnershipId, id),
      ]);
      if (state.errors || state.resolveErrors) reply.code(400);
      return pages.render(request, reply, 'meetings/views/minutes-comments.njk', {
        title: `Comments on the draft minutes: ${standing.meeting.groupName}, ${formatDate(standing.meeting.meetingDate)}`,
        meeting: standing.meeting,
        refusal: standing.refusals.comment,
        member: standing.member,
        officer: isOfficer(principal, partnershipId),
        comments: comments.map((comment) => ({
          ...comment,
          resolutionText: comment.resolution ? commentResolutionNames[comment.resolution] : null,
        })),
        resolutionOptions: optionsOf(commentResolutionNames),
        fields: commentFields,
        values: state.typed,
        // The layout's error summary names the problem of whichever form was sent.
        errors: state.errors ?? state.resolveErrors,
        resolving: state.resolving,
        resolveErrors: state.resolveErrors,
        options: { agendaItemId: items.map((item) => ({ value: item.id, text: `${item.number}. ${item.title}` })) },
        action: commentsHref(request.params),
        back: meetingHref(request.params),
        breadcrumbs: meetingCrumbs(request, details),
      });
    }

    const noResolving = { resolving: {}, resolveErrors: null };

    app.get('/:id/minutes/comments', { config: member, schema: { params: meetingParams } }, (request, reply) =>
      renderComments(request, reply, { typed: {}, errors: null, ...noResolving }),
    );

    app.post('/:id/minutes/comments', { config: member, schema: { params: meetingParams, body: formBody } }, async (request, reply) => {
      const typed = typedValues(commentFields, request.body);
      const read = readForm(minutesCommentSchema, commentFields, request.body);
      if (!read.ok) return renderComments(request, reply, { typed, errors: read.errors, ...noResolving });
      const saved = await attempt(() =>
        memberActs.comment(principalOf(request), request.params.partnershipId, request.params.id, read.value),
      );
      if (!saved.ok) return renderComments(request, reply, { typed, errors: errorsFor(commentFields, saved.byField), ...noResolving });
      request.session.flash = 'Comment sent to the officer';
      return reply.redirect(commentsHref(request.params));
    });

    app.post(
      '/:id/minutes/comments/resolve',
      { config: manage, schema: { params: meetingParams, body: formBody } },
      async (request, reply) => {
        const commentId = single(request.body.commentId) ?? '';
        const fields: Field[] = [
          { name: `resolution-${commentId}`, label: 'Resolution', kind: 'radios' },
          { name: `note-${commentId}`, label: 'Note', kind: 'textarea' },
        ];
        const resolving = typedValues(fields, request.body);
        const read = commentResolutionSchema.safeParse({
          resolution: resolving[`resolution-${commentId}`] || undefined,
          note: resolving[`note-${commentId}`] ?? '',
        });
        const problem = (byField: Record<string, string>) =>
          renderComments(request, reply, { typed: {}, errors: null, resolving, resolveErrors: errorsFor(fields, byField) });
        if (!read.success) {
          const byField: Record<string, string> = {};
          for (const issue of read.error.issues) byField[`${String(issue.path[0])}-${commentId}`] ??= issue.message;
          return problem(byField);
        }
        const saved = await attempt(() =>
          memberActs.resolveComment(principalOf(request), request.params.partnershipId, request.params.id, commentId, read.data),
        );
        if (!saved.ok) return problem(saved.byField);
        request.session.flash = 'Comment resolved';
        return reply.redirect(commentsHref(request.params));
      },
    );
    done();
  },
};

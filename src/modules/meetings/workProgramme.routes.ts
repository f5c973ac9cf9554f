/** A group's work programme: what it plans to take, and when; placing an item on its meeting's agenda. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportOnNextPage } from '../../web/buttons.ts';
import { formatDate } from '../../platform/dates.ts';
import { attempt, errorsFor, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { isAllowed } from '../../platform/policy.ts';
import { principalOf } from '../../web/permissions.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import { formBody, recordParams } from '../../web/schemas.ts';
import { workProgrammeFields } from './meetings.forms.ts';
import { workProgrammeSchema } from './meetings.inputs.ts';
import type { MeetingRouteDependencies } from './meetings.pages.ts';

/** A group's address: the partnership, and the group's id. */
type GroupParams = z.output<typeof recordParams>;
const plannedParams = recordParams.extend({ plannedId: z.string() });
const hrefOf = ({ partnershipId, id }: GroupParams) => `/partnerships/${partnershipId}/groups/${id}/work-programme`;
const manage = { access: 'partnership:manage' } as const;

export const workProgrammeRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/groups/:id/work-programme',
  plugin(instance, { pages, deps: { workProgramme, meetings, group: groupOf } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    async function render(
      request: FastifyRequest,
      params: GroupParams,
      reply: FastifyReply,
      values: TypedValues,
      errors: FormErrors | null,
    ) {
      const { partnershipId, id } = params;
      const [group, items, upcoming] = await Promise.all([
        groupOf(partnershipId, id),
        workProgramme.list(partnershipId, id),
        meetings.toCome(partnershipId, { groupId: id }),
      ]);
      if (errors) reply.code(400);
      return pages.render(request, reply, 'meetings/views/work-programme.njk', {
        title: `Work programme: ${group.name}`,
        group,
        items,
        fields: workProgrammeFields,
        values,
        errors,
        options: {
          plannedMeetingId: upcoming.map((m) => ({ value: m.id, text: `${formatDate(m.meetingDate)} at ${m.startTime}` })),
        },
        action: hrefOf(params),
        canManage: isAllowed(request.principal, 'partnership:manage', request.partnership),
        breadcrumbs: [...partnershipCrumbs(request), { text: group.name, href: `/partnerships/${partnershipId}/groups/${id}` }],
      });
    }

    app.get('', { config: { access: 'partnership:view' }, schema: { params: recordParams } }, (request, reply) =>
      render(request, request.params, reply, {}, null),
    );

    app.post('', { config: manage, schema: { params: recordParams, body: formBody } }, async (request, reply) => {
      const result = readForm(workProgrammeSchema, workProgrammeFields, request.body);
      if (!result.ok) return render(request, request.params, reply, result.typed, result.errors);
      const { partnershipId, id } = request.params;
      const saved = await attempt(() => workProgramme.add(principalOf(request), partnershipId, id, result.value));
      if (!saved.ok) {
        return render(
          request,
          request.params,
          reply,
          typedValues(workProgrammeFields, request.body),
          errorsFor(workProgrammeFields, saved.byField),
        );
      }
      request.session.flash = `"${result.value.title}" added to the work programme`;
      return reply.redirect(hrefOf(request.params));
    });

    app.post('/:plannedId/place', { config: manage, schema: { params: plannedParams, body: formBody } }, async (request, reply) => {
      const { partnershipId, id, plannedId } = request.params;
      await reportOnNextPage(request, async () => {
        await workProgramme.place(principalOf(request), partnershipId, id, plannedId);
        return 'Placed on the agenda';
      });
      return reply.redirect(hrefOf(request.params));
    });
    done();
  },
};

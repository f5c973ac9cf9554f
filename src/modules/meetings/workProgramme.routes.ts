import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reportOnNextPage } from '../../web/buttons.ts';
import { formatDate } from '../../platform/dates.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { errorsFor, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import { isAllowed } from '../../platform/policy.ts';
import type { PageRenderer } from '../../web/render.ts';
import type { GovernanceService } from '../governance/index.ts';
import type { MeetingsService } from './meetings.service.ts';
import { workProgrammeFields, workProgrammeSchema } from './meetings.schemas.ts';
import type { WorkProgrammeService } from './workProgramme.service.ts';
import { principalOf } from '../../web/permissions.ts';

interface GroupParams {
  partnershipId: string;
  id: string;
}

export function registerWorkProgrammeRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  { workProgramme, meetings }: { workProgramme: WorkProgrammeService; meetings: MeetingsService },
  governance: GovernanceService,
): void {
  const path = '/partnerships/:partnershipId/groups/:id/work-programme';
  const hrefOf = ({ partnershipId, id }: GroupParams) => `/partnerships/${partnershipId}/groups/${id}/work-programme`;

  async function render(
    request: FastifyRequest<{ Params: GroupParams }>,
    reply: FastifyReply,
    values: TypedValues,
    errors: FormErrors | null,
  ) {
    const { partnershipId, id } = request.params;
    const [group, items, upcoming] = await Promise.all([
      governance.groups.get(partnershipId, id),
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
      action: hrefOf(request.params),
      canManage: isAllowed(request.principal, 'partnership:manage', request.partnership),
      breadcrumbs: [
        { text: 'Your partnerships', href: '/' },
        { text: request.partnership?.shortName ?? '', href: `/partnerships/${partnershipId}` },
        { text: group.name, href: `/partnerships/${partnershipId}/groups/${id}` },
      ],
    });
  }

  app.get<{ Params: GroupParams }>(path, { config: { access: 'partnership:view' } }, (request, reply) => render(request, reply, {}, null));

  app.post<{ Params: GroupParams }>(path, { config: { access: 'partnership:manage' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const result = readForm(workProgrammeSchema, workProgrammeFields, body);
    if (!result.ok) return render(request, reply, result.typed, result.errors);
    try {
      await workProgramme.add(principalOf(request), request.params.partnershipId, request.params.id, result.value);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return render(
        request,
        reply,
        typedValues(workProgrammeFields, body),
        errorsFor(workProgrammeFields, { [error.field]: error.message }),
      );
    }
    request.session.flash = `"${result.value.title}" added to the work programme`;
    return reply.redirect(hrefOf(request.params));
  });

  app.post<{ Params: GroupParams & { plannedId: string } }>(
    `${path}/:plannedId/place`,
    { config: { access: 'partnership:manage' } },
    async (request, reply) => {
      await reportOnNextPage(request, async () => {
        await workProgramme.place(principalOf(request), request.params.partnershipId, request.params.id, request.params.plannedId);
        return 'Placed on the agenda';
      });
      return reply.redirect(hrefOf(request.params));
    },
  );
}

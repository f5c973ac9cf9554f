import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import type { FormErrors } from '../../web/forms.ts';
import { queryValues, single } from '../../web/query.ts';
import type { Crumb } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import type { GovernanceService } from '../governance/index.ts';
import {
  type Attendee,
  type AttendanceInput,
  type AttendanceService,
  type MeetingAttendance,
  type MemberStatus,
  memberStatuses,
} from './attendance.service.ts';
import type { MeetingDetails } from './meetings.service.ts';
import { principalOf } from '../../web/permissions.ts';

interface MeetingParams {
  partnershipId: string;
  id: string;
}

type Body = Record<string, unknown>;

/** "Name, organisation" as the form shows someone who is not a member. */
const attendeeLine = (name: string | null, organisation: string | null) => [name, organisation].filter(Boolean).join(', ');

function readAttendee(line: string): Attendee {
  const comma = line.indexOf(',');
  return comma === -1
    ? { name: line, organisation: null }
    : { name: line.slice(0, comma).trim(), organisation: line.slice(comma + 1).trim() || null };
}

/** What the form shows: from the saved attendance, or as typed when it comes back with a problem. */
function formValues(attendance: MeetingAttendance): Record<string, string> {
  const values: Record<string, string> = {
    inAttendance: attendance.inAttendance.map((a) => attendeeLine(a.attendeeName, a.attendeeOrganisation)).join('\n'),
    minuteTaker: attendeeLine(attendance.minuteTaker?.name ?? null, attendance.minuteTaker?.organisation ?? null),
  };
  for (const { member, status, substitutePersonId } of attendance.members) {
    // Before anything is recorded everyone starts as absent: the minute taker marks who came.
    values[`status-${member.id}`] = status ?? 'absent';
    values[`substitute-${member.id}`] = substitutePersonId ?? member.substitutePersonId ?? '';
  }
  return values;
}

function readAttendance(
  attendance: MeetingAttendance,
  body: Body,
): { input: AttendanceInput; typed: Record<string, string>; errors: Record<string, string> } {
  const typed: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const members: AttendanceInput['members'] = [];
  for (const { member } of attendance.members) {
    const status = single(body[`status-${member.id}`]) ?? '';
    const substitute = single(body[`substitute-${member.id}`]) ?? '';
    typed[`status-${member.id}`] = status;
    typed[`substitute-${member.id}`] = substitute;
    if (!(memberStatuses as readonly string[]).includes(status)) {
      errors[`status-${member.id}`] = `Select whether ${member.personName} was present`;
      continue;
    }
    if (status === 'substitute' && !substitute) errors[`substitute-${member.id}`] = `Select who came in place of ${member.personName}`;
    members.push({
      membershipId: member.id,
      status: status as MemberStatus,
      substitutePersonId: status === 'substitute' ? substitute || null : null,
    });
  }
  typed.inAttendance = single(body.inAttendance) ?? '';
  typed.minuteTaker = single(body.minuteTaker) ?? '';
  const inAttendance = typed.inAttendance
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(readAttendee);
  const minuteTaker = typed.minuteTaker.trim();
  return { input: { members, inAttendance, minuteTaker: minuteTaker ? readAttendee(minuteTaker) : null }, typed, errors };
}

function errorSummary(errors: Record<string, string>): FormErrors {
  return {
    summary: Object.entries(errors).map(([field, text]) => ({ text, href: field === 'form' ? '#main-content' : `#${field}` })),
    byField: errors,
  };
}

export function registerAttendanceRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  attendanceService: AttendanceService,
  governance: GovernanceService,
  meeting: {
    crumbs: (request: FastifyRequest, details: MeetingDetails) => Crumb[];
    load: (request: FastifyRequest) => Promise<MeetingDetails>;
  },
): void {
  const config = { config: { access: 'partnership:manage' as const } };
  const path = '/partnerships/:partnershipId/meetings/:id/attendance';

  async function render(
    request: FastifyRequest<{ Params: MeetingParams }>,
    reply: FastifyReply,
    attendance: MeetingAttendance,
    values: Record<string, string>,
    errors: FormErrors | null,
    basedOn: string,
  ) {
    const [details, people] = await Promise.all([meeting.load(request), governance.people.list(request.params.partnershipId)]);
    if (errors) reply.code(400);
    return pages.render(request, reply, 'meetings/views/attendance.njk', {
      title: `Attendance: ${attendance.meeting.groupName}, ${details.meeting.meetingDate}`,
      attendance,
      values,
      errors,
      basedOn,
      people: people.map((person) => ({
        value: person.id,
        text: person.organisationName ? `${person.name} (${person.organisationName})` : person.name,
      })),
      action: `/partnerships/${request.params.partnershipId}/meetings/${request.params.id}/attendance`,
      cancel: `/partnerships/${request.params.partnershipId}/meetings/${request.params.id}`,
      breadcrumbs: meeting.crumbs(request, details),
    });
  }

  app.get<{ Params: MeetingParams }>(path, config, async (request, reply) => {
    const attendance = await attendanceService.attendance(request.params.partnershipId, request.params.id);
    return render(request, reply, attendance, formValues(attendance), null, attendance.recordedAt);
  });

  app.post<{ Params: MeetingParams }>(path, config, async (request, reply) => {
    const { partnershipId, id } = request.params;
    const body = (request.body ?? {}) as Body;
    const attendance = await attendanceService.attendance(partnershipId, id);
    const basedOn = single(body.basedOn) ?? '';
    const { input, typed, errors } = readAttendance(attendance, body);
    if (Object.keys(errors).length) return render(request, reply, attendance, typed, errorSummary(errors), basedOn);
    try {
      await attendanceService.record(principalOf(request), partnershipId, id, basedOn, input);
    } catch (error) {
      if (error instanceof FieldValidationError)
        return render(request, reply, attendance, typed, errorSummary({ [error.field]: error.message }), basedOn);
      if (error instanceof ConflictError) {
        const message =
          'Someone else saved the attendance while you were recording it. Your changes have not been saved. Check the meeting page, then save again if you still want your version.';
        return render(request, reply, attendance, typed, errorSummary({ form: message }), attendance.recordedAt);
      }
      throw error;
    }
    request.session.flash = 'Attendance recorded';
    return reply.redirect(`/partnerships/${partnershipId}/meetings/${id}#attendance`);
  });

  app.get<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/groups/:id/attendance',
    { config: { access: 'partnership:view' } },
    async (request, reply) => {
      const { partnershipId, id } = request.params;
      const group = await governance.groups.get(partnershipId, id);
      const { year } = queryValues(request.query, ['year']);
      const record = await attendanceService.yearRecord(partnershipId, id, year && /^\d{4}$/.test(year) ? Number(year) : null);
      const { yearStarting, thisYear } = record;
      return pages.render(request, reply, 'meetings/views/attendance-record.njk', {
        title: `Attendance record: ${group.name}, ${yearStarting} to ${yearStarting + 1}`,
        group,
        record,
        yearStarting,
        years: Array.from({ length: 6 }, (_, n) => thisYear - n),
        breadcrumbs: [
          { text: 'Your partnerships', href: '/' },
          { text: request.partnership?.shortName ?? '', href: `/partnerships/${partnershipId}` },
          { text: group.name, href: `/partnerships/${partnershipId}/groups/${id}` },
        ],
      });
    },
  );
}

/**
 * Who came to a meeting (under /partnerships/:partnershipId/meetings/:id/attendance), and a group's
 * attendance record for a year (under /partnerships/:partnershipId/groups/:id/attendance).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatDate } from '../../platform/dates.ts';
import { attempt, type FormErrors } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { single } from '../../web/query.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import { formBody, queryText, recordParams } from '../../web/schemas.ts';
import { type Attendee, type AttendanceInput, attendeeLimits, isMemberStatus, type MeetingAttendance } from './attendance.service.ts';
import type { ApologyView } from './memberActs.service.ts';
import { meetingCrumbs, meetingHref, type MeetingParams, meetingParams, type MeetingRouteDependencies } from './meetings.pages.ts';

type FormBody = z.output<typeof formBody>;

/** "Name, organisation" as the form shows someone who is not a member. */
const attendeeLine = (name: string | null, organisation: string | null) => [name, organisation].filter(Boolean).join(', ');

function readAttendee(line: string): Attendee {
  const comma = line.indexOf(',');
  return comma === -1
    ? { name: line, organisation: null }
    : { name: line.slice(0, comma).trim(), organisation: line.slice(comma + 1).trim() || null };
}

/**
 * What the form shows: from the saved attendance, or as typed when it comes back with a problem. A member with no
 * saved record who sent apologies starts marked so, with the substitute they named, until the officer saves otherwise.
 */
function formValues(attendance: MeetingAttendance, apologies: readonly ApologyView[]): Record<string, string> {
  const values: Record<string, string> = {
    inAttendance: attendance.inAttendance.map((a) => attendeeLine(a.attendeeName, a.attendeeOrganisation)).join('\n'),
    minuteTaker: attendeeLine(attendance.minuteTaker?.name ?? null, attendance.minuteTaker?.organisation ?? null),
  };
  for (const { member, status, substitutePersonId } of attendance.members) {
    // Nothing else is marked for a member without a record: the minute taker marks who came, and the rest are absent.
    const sent = status ? undefined : apologies.find((apology) => apology.personId === member.personId);
    values[`status-${member.id}`] = status ?? (sent ? (sent.substitutePersonId ? 'substitute' : 'apologies') : '');
    values[`substitute-${member.id}`] = substitutePersonId ?? sent?.substitutePersonId ?? member.substitutePersonId ?? '';
  }
  return values;
}

function readAttendance(
  attendance: MeetingAttendance,
  body: FormBody,
): { input: AttendanceInput; typed: Record<string, string>; errors: Record<string, string> } {
  const typed: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const members: AttendanceInput['members'] = [];
  for (const { member } of attendance.members) {
    const status = single(body[`status-${member.id}`]) ?? '';
    const substitute = single(body[`substitute-${member.id}`]) ?? '';
    typed[`status-${member.id}`] = status;
    typed[`substitute-${member.id}`] = substitute;
    if (!status) continue;
    if (!isMemberStatus(status)) {
      errors[`status-${member.id}`] = `Select whether ${member.personName} was present`;
      continue;
    }
    if (status === 'substitute' && !substitute) errors[`substitute-${member.id}`] = `Select who came in place of ${member.personName}`;
    members.push({
      membershipId: member.id,
      status,
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

const conflictMessage =
  'Someone else saved the attendance while you were recording it. Your changes have not been saved. Check the meeting page, then save again if you still want your version.';

export const attendanceRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId',
  plugin(instance, { pages, deps: { meetings, attendance: attendanceService, memberActs, people, group } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const manage = { access: 'partnership:manage' } as const;

    async function render(
      request: FastifyRequest,
      params: MeetingParams,
      reply: FastifyReply,
      attendance: MeetingAttendance,
      state: { values: Record<string, string>; errors: FormErrors | null; basedOn: string },
    ) {
      const [details, everyone, apologies] = await Promise.all([
        meetings.get(params.partnershipId, params.id),
        people(params.partnershipId),
        memberActs.apologies(params.partnershipId, params.id),
      ]);
      const option = (person: (typeof everyone)[number]) => ({
        value: person.id,
        text: person.organisationName ? `${person.name} (${person.organisationName})` : person.name,
      });
      // Each member's substitute is most often a colleague: their own organisation's people come first.
      const substitutes = Object.fromEntries(
        attendance.members.map(({ member }) => {
          const others = everyone.filter((person) => person.id !== member.personId);
          return [
            member.id,
            {
              colleagues: others.filter((person) => person.organisationId === member.organisationId).map(option),
              rest: others.filter((person) => person.organisationId !== member.organisationId).map(option),
            },
          ];
        }),
      );
      if (state.errors) reply.code(400);
      return pages.render(request, reply, 'meetings/views/attendance.njk', {
        title: `Attendance: ${attendance.meeting.groupName}, ${formatDate(details.meeting.meetingDate)}`,
        attendance,
        values: state.values,
        errors: state.errors,
        basedOn: state.basedOn,
        substitutes,
        // What each member sent beforehand, by person, for the hint beside their name.
        sentApologies: Object.fromEntries(apologies.map((apology) => [apology.personId, apology])),
        attendeeLimits,
        action: `${meetingHref(params)}/attendance`,
        cancel: meetingHref(params),
        breadcrumbs: meetingCrumbs(request, details),
      });
    }

    app.get('/meetings/:id/attendance', { config: manage, schema: { params: meetingParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const [attendance, apologies] = await Promise.all([
        attendanceService.attendance(partnershipId, id),
        memberActs.apologies(partnershipId, id),
      ]);
      return render(request, request.params, reply, attendance, {
        values: formValues(attendance, apologies),
        errors: null,
        basedOn: attendance.recordedAt,
      });
    });

    app.post('/meetings/:id/attendance', { config: manage, schema: { params: meetingParams, body: formBody } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const attendance = await attendanceService.attendance(partnershipId, id);
      const basedOn = single(request.body.basedOn) ?? '';
      const { input, typed, errors } = readAttendance(attendance, request.body);
      if (Object.keys(errors).length) {
        return render(request, request.params, reply, attendance, { values: typed, errors: errorSummary(errors), basedOn });
      }
      const saved = await attempt(() => attendanceService.record(principalOf(request), partnershipId, id, basedOn, input));
      if (!saved.ok) {
        // After a colleague's change the form is based on what they saved: saving again is a deliberate overwrite.
        const conflict = saved.version !== null;
        return render(request, request.params, reply, attendance, {
          values: typed,
          errors: errorSummary(conflict ? { form: conflictMessage } : saved.byField),
          basedOn: conflict ? attendance.recordedAt : basedOn,
        });
      }
      request.session.flash = 'Attendance recorded';
      return reply.redirect(`${meetingHref(request.params)}#attendance`);
    });

    app.get(
      '/groups/:id/attendance',
      { config: { access: 'partnership:view' }, schema: { params: recordParams, querystring: z.object({ year: queryText }) } },
      async (request, reply) => {
        const { partnershipId, id } = request.params;
        const theGroup = await group(partnershipId, id);
        const { year } = request.query;
        const [record, recorded] = await Promise.all([
          attendanceService.yearRecord(partnershipId, id, year && /^\d{4}$/.test(year) ? Number(year) : null),
          attendanceService.yearsWithAttendance(partnershipId, id),
        ]);
        const { yearStarting, thisYear } = record;
        // Every year with attendance recorded, this year, and the one asked for.
        const years = [...new Set([thisYear, yearStarting, ...recorded])].sort((a, b) => b - a);
        return pages.render(request, reply, 'meetings/views/attendance-record.njk', {
          title: `Attendance record: ${theGroup.name}, ${yearStarting} to ${yearStarting + 1}`,
          group: theGroup,
          record,
          yearStarting,
          years,
          breadcrumbs: [...partnershipCrumbs(request), { text: theGroup.name, href: `/partnerships/${partnershipId}/groups/${id}` }],
        });
      },
    );
    done();
  },
};

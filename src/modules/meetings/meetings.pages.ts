/**
 * What every page of the meetings module shares: the dependencies its routes are mounted with (its own
 * services, and what they read of other modules as narrow functions), the address schemas, and the way
 * back to a meeting.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatDate } from '../../platform/dates.ts';
import type { Recipients } from '../../platform/recipients.ts';
import { partnershipCrumbs, type Crumb } from '../../web/recordPages.ts';
import { queryText, recordParams } from '../../web/schemas.ts';
import type { ActionsService } from '../actions/index.ts';
import type { AgendaService } from './agenda.service.ts';
import type { GovernanceReads } from './governance.reads.ts';
import type { AttendanceService } from './attendance.service.ts';
import type { MeetingDetails, MeetingsService } from './meetings.service.ts';
import type { MemberActsService } from './memberActs.service.ts';
import type { MinutesService } from './minutes.service.ts';
import type { PapersService } from './papers.service.ts';
import type { WorkProgrammeService } from './workProgramme.service.ts';

/** What the meeting pages need: the module's services, and from governance and actions only what they show. */
export interface MeetingRouteDependencies extends Pick<GovernanceReads, 'groups' | 'group' | 'people' | 'membershipsOn' | 'listInterests'> {
  meetings: MeetingsService;
  agenda: AgendaService;
  attendance: AttendanceService;
  minutes: MinutesService;
  memberActs: MemberActsService;
  papers: PapersService;
  workProgramme: WorkProgrammeService;
  /** The service's public address (PUBLIC_URL), for calendar entries. */
  publicUrl: string;
  /** The group's members with and without an e-mail address: whom a step's confirmation page says it will tell. */
  groupRecipients: (partnershipId: string, groupId: string) => Promise<Recipients>;
  mattersArising: ActionsService['mattersArising'];
  /** The partnership's people and organisations, to choose an action's owner from. */
  actionOwners: ActionsService['ownerRecords'];
}

/** A meeting's address: the partnership, and the meeting's id. */
export const meetingParams = recordParams;
export type MeetingParams = z.output<typeof meetingParams>;

/** An agenda item's address. */
export const itemParams = meetingParams.extend({ itemId: z.string() });
export type ItemParams = z.output<typeof itemParams>;

/** `?public=yes` asks for the public version of minutes or a pack, which can only narrow what is shown. */
export const publicVersionQuery = z.object({ public: queryText });

export const meetingsHref = (partnershipId: string) => `/partnerships/${partnershipId}/meetings`;
export const meetingHref = ({ partnershipId, id }: MeetingParams) => `${meetingsHref(partnershipId)}/${id}`;

/** Your partnerships › this one › Meetings, then whatever follows. */
export function meetingsCrumbs(request: FastifyRequest, partnershipId: string, ...more: Crumb[]): Crumb[] {
  return [...partnershipCrumbs(request), { text: 'Meetings', href: meetingsHref(partnershipId) }, ...more];
}

/** The crumbs of a page about one meeting, ending with the meeting. */
export function meetingCrumbs(request: FastifyRequest, { meeting }: Pick<MeetingDetails, 'meeting'>): Crumb[] {
  return meetingsCrumbs(request, meeting.partnershipId, {
    text: `${meeting.groupName}, ${formatDate(meeting.meetingDate)}`,
    href: meetingHref({ partnershipId: meeting.partnershipId, id: meeting.id }),
  });
}

/**
 * What a member does for themselves about a meeting of a group they sit on: sends apologies (naming a colleague of
 * their organisation to come instead), declares an interest on an agenda item before the meeting, and comments on
 * the draft minutes while they are circulated. The member is the person the account is in the meeting's
 * partnership (`governance.selves`), sitting on the group now. Each act is audited and shown to the officer, who
 * records declared interests in the minutes and resolves each comment.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { refusingDuplicates } from '../../db/dialect.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { FieldValidationError, NotFoundError, NotPermittedError } from '../../platform/errors.ts';
import { isOfficer, maySee } from '../../platform/policy.ts';
import type { Principal } from '../../platform/principal.ts';
import { interestCategoryNames } from '../governance/index.ts';
import type { AgendaItemRow } from './agenda.repository.ts';
import type { AgendaService } from './agenda.service.ts';
import type { Confidentiality } from './confidentiality.ts';
import type { GovernanceReads, Person } from './governance.reads.ts';
import type { ApologiesInput, CommentResolutionInput, ItemInterestInput, MinutesCommentInput } from './meetings.inputs.ts';
import { type MeetingView, requireMeeting } from './meetings.repository.ts';
import { hasStarted } from './meetingTime.ts';
import type { MinutesService } from './minutes.service.ts';
import {
  type ApologyView,
  type CommentView,
  deleteApology,
  insertApology,
  insertComment,
  insertItemInterest,
  type ItemInterestView,
  listApologies,
  listComments,
  listItemInterests,
  markInterestRecorded,
  releaseInterestRecorded,
  resolveComment,
  updateApology,
} from './memberActs.repository.ts';

export type { ApologyView, CommentView, ItemInterestView };

/** Where the reader stands at a meeting: who they are in the partnership, and what they may do now. */
export interface MemberStanding {
  meeting: MeetingView;
  /** The person the account is in the partnership, if any. */
  self: Person | null;
  /** Whether that person sits on the meeting's group now. */
  member: boolean;
  /** Their apologies for the meeting, once sent. */
  apology: ApologyView | null;
  /** Why each act cannot be taken now, in words for the page, or null where it can. */
  refusals: { apologies: string | null; interest: string | null; comment: string | null };
}

export interface MemberActsService {
  standing(reader: Principal, partnershipId: string, meetingId: string): Promise<MemberStanding>;
  /** The people of the member's own organisation in the partnership, who may come in their place. */
  substitutesFor(partnershipId: string, self: Person): Promise<Person[]>;
  /** Sends the member's apologies, or changes those already sent. */
  sendApologies(member: Principal, partnershipId: string, meetingId: string, input: ApologiesInput): Promise<void>;
  withdrawApologies(member: Principal, partnershipId: string, meetingId: string): Promise<void>;
  /** Every member's apologies for the meeting: for the officer's meeting page and attendance form. */
  apologies(partnershipId: string, meetingId: string): Promise<ApologyView[]>;
  /** An item the reader may see, and the interests in the register that are their own, for the declaring form. */
  itemToDeclare(reader: Principal, partnershipId: string, meetingId: string, itemId: string): Promise<ItemToDeclare>;
  declareInterest(member: Principal, partnershipId: string, meetingId: string, itemId: string, input: ItemInterestInput): Promise<string>;
  /** Interests declared beforehand that the reader may see: all for the officer, their own for a member. */
  declaredInterests(reader: Principal, partnershipId: string, meetingId: string, itemId?: string): Promise<ItemInterestView[]>;
  /** Records an interest declared beforehand in the item's minutes, through the minutes' own declarations; once. */
  recordInMinutes(officer: Principal, partnershipId: string, meetingId: string, itemId: string, declaredId: string): Promise<void>;
  /** The meeting's items the reader may see, numbered: what a comment can be about. */
  commentableItems(reader: Principal, partnershipId: string, meetingId: string): Promise<(AgendaItemRow & { number: number })[]>;
  comment(member: Principal, partnershipId: string, meetingId: string, input: MinutesCommentInput): Promise<string>;
  /** Comments the reader may see: every one for the officer, their own for a member. */
  comments(reader: Principal, partnershipId: string, meetingId: string): Promise<CommentView[]>;
  resolveComment(
    officer: Principal,
    partnershipId: string,
    meetingId: string,
    commentId: string,
    input: CommentResolutionInput,
  ): Promise<void>;
}

export interface ItemToDeclare {
  standing: MemberStanding;
  item: AgendaItemRow;
  /** The member's own current interests in the register, to refer to. */
  interests: { id: string; description: string }[];
}

/** What members' acts need: the agenda, the minutes' life and declarations, and governance's people and register. */
export interface MemberActsDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  agenda: Pick<AgendaService, 'item' | 'agenda'>;
  minutes: Pick<MinutesService, 'life' | 'addDeclaration'>;
  confidentiality: Confidentiality;
  governance: Pick<GovernanceReads, 'selves' | 'people' | 'listInterests'>;
}

export const commentResolutionNames = {
  changed: 'Resolved: changed the minutes',
  no_change: 'No change needed',
} as const;

export function createMemberActsService({
  db,
  audit,
  clock,
  agenda,
  minutes,
  confidentiality,
  governance,
}: MemberActsDependencies): MemberActsService {
  async function standing(reader: Principal, partnershipId: string, meetingId: string): Promise<MemberStanding> {
    const meeting = await requireMeeting(db, partnershipId, meetingId);
    const [{ selves, groupIds }, life] = await Promise.all([
      governance.selves(partnershipId, reader.userId),
      minutes.life(partnershipId, meetingId),
    ]);
    const self = selves[0] ?? null;
    const member = self !== null && groupIds.includes(meeting.groupId);
    const apology = self ? ((await listApologies(db, meetingId)).find((a) => a.personId === self.id) ?? null) : null;
    const notMember = !self
      ? 'Your account is not linked to a person of this partnership. Ask the partnership’s officer to link it'
      : member
        ? null
        : `Only members of ${meeting.groupName} can do this`;
    const beforeStart =
      meeting.status === 'cancelled'
        ? 'This meeting was cancelled'
        : hasStarted(meeting, clock.now())
          ? `This meeting started on ${describeWhen(meeting.meetingDate, meeting.startTime)}: this can only be done before it starts`
          : null;
    return {
      meeting,
      self,
      member,
      apology,
      refusals: {
        apologies: notMember ?? beforeStart,
        interest: notMember ?? beforeStart,
        comment: notMember ?? life.refusals.comment,
      },
    };
  }

  /** The standing of a member who may take the act now; otherwise the reason, on the form as a whole. */
  async function memberFor(act: keyof MemberStanding['refusals'], reader: Principal, partnershipId: string, meetingId: string) {
    const found = await standing(reader, partnershipId, meetingId);
    const why = found.refusals[act];
    if (why || !found.self) throw new FieldValidationError('form', why ?? 'Only members of the group can do this');
    return { ...found, self: found.self };
  }

  /** An item of this meeting that the reader may see: a Part II item only for the group's readers. */
  async function visibleItem(reader: Principal, partnershipId: string, meetingId: string, itemId: string) {
    const { item } = await agenda.item(partnershipId, meetingId, itemId);
    if (item.confidential && (await confidentiality.audienceFor(partnershipId, meetingId, reader)) !== 'group') {
      throw new NotFoundError('agenda item');
    }
    return item;
  }

  async function ownInterests(partnershipId: string, self: Person) {
    return (await governance.listInterests(partnershipId, { personId: self.id })).filter((interest) => interest.endedOn === null);
  }

  /** Officers see every one; anyone else only their own, and Part II only where the policy lets them read it. */
  async function readable<R extends { personId: string; confidential: boolean; groupId: string }>(
    reader: Principal,
    partnershipId: string,
    rows: R[],
  ): Promise<R[]> {
    const readership = await confidentiality.readership(partnershipId, reader);
    const seen = rows.filter((row) => maySee(readership, row));
    if (isOfficer(reader, partnershipId)) return seen;
    const { selves } = await governance.selves(partnershipId, reader.userId);
    return seen.filter((row) => selves.some((self) => self.id === row.personId));
  }

  async function substitutesFor(partnershipId: string, self: Person): Promise<Person[]> {
    const people = await governance.people(partnershipId);
    return people.filter((person) => person.organisationId === self.organisationId && person.id !== self.id);
  }

  const where = (meeting: MeetingView) => `the meeting of ${meeting.groupName} on ${formatDate(meeting.meetingDate)}`;

  return {
    standing,

    substitutesFor,

    async sendApologies(member, partnershipId, meetingId, input) {
      const { meeting, self, apology } = await memberFor('apologies', member, partnershipId, meetingId);
      const substitutes = await substitutesFor(partnershipId, self);
      const substitute = input.substitutePersonId ? substitutes.find((person) => person.id === input.substitutePersonId) : null;
      if (substitute === undefined) {
        throw new FieldValidationError('substitutePersonId', 'Select someone from your organisation, or no one');
      }
      const sent = { substitutePersonId: substitute?.id ?? null, note: input.note, sentAt: isoNow(clock), sentBy: member.userId };
      const summary = `${apology ? 'Changed the apologies' : 'Sent apologies'} of ${self.name} for ${where(meeting)}${substitute ? `, with ${substitute.name} as substitute` : ''}`;
      // One apology per member per meeting, held by the unique constraint: a second sent at the same moment is refused.
      await refusingDuplicates(
        () =>
          db.transaction().execute(async (trx) => {
            const before = (await listApologies(trx, meetingId)).find((a) => a.personId === self.id);
            const id = before?.id ?? randomUUID();
            if (before) await updateApology(trx, id, sent);
            else await insertApology(trx, { id, partnershipId, meetingId, personId: self.id, ...sent });
            await audit.record(trx, member, {
              action: before ? 'update' : 'create',
              entityType: 'apologies',
              entityId: id,
              partnershipId,
              summary,
              before: before ?? null,
              after: { id, meetingId, personId: self.id, ...sent },
            });
          }),
        new FieldValidationError(
          'form',
          'Your apologies were sent at the same moment from somewhere else. Check them, then change them if you need to',
        ),
      );
    },

    async withdrawApologies(member, partnershipId, meetingId) {
      const { meeting, self, apology } = await memberFor('apologies', member, partnershipId, meetingId);
      if (!apology) throw new FieldValidationError('form', 'You have not sent apologies for this meeting');
      await db.transaction().execute(async (trx) => {
        await deleteApology(trx, apology.id);
        await audit.record(trx, member, {
          action: 'delete',
          entityType: 'apologies',
          entityId: apology.id,
          partnershipId,
          summary: `Withdrew the apologies of ${self.name} for ${where(meeting)}`,
          before: apology,
          after: null,
        });
      });
    },

    apologies: (_partnershipId, meetingId) => listApologies(db, meetingId),

    async itemToDeclare(reader, partnershipId, meetingId, itemId) {
      const item = await visibleItem(reader, partnershipId, meetingId, itemId);
      const found = await standing(reader, partnershipId, meetingId);
      const interests = found.self ? await ownInterests(partnershipId, found.self) : [];
      return { standing: found, item, interests: interests.map(({ id, description }) => ({ id, description })) };
    },

    async declareInterest(member, partnershipId, meetingId, itemId, input) {
      const item = await visibleItem(member, partnershipId, meetingId, itemId);
      const { meeting, self } = await memberFor('interest', member, partnershipId, meetingId);
      if (input.interestId && !(await ownInterests(partnershipId, self)).some((interest) => interest.id === input.interestId)) {
        throw new FieldValidationError('interestId', 'Select one of your interests in the register, or none');
      }
      const row = {
        id: randomUUID(),
        partnershipId,
        meetingId,
        agendaItemId: item.id,
        personId: self.id,
        ...input,
        declaredAt: isoNow(clock),
        declaredBy: member.userId,
        recordedAt: null,
        recordedBy: null,
      };
      await db.transaction().execute(async (trx) => {
        await insertItemInterest(trx, row);
        await audit.record(trx, member, {
          action: 'create',
          entityType: 'item interest',
          entityId: row.id,
          partnershipId,
          summary: `${self.name} declared an interest on "${item.title}" before ${where(meeting)}`,
          before: null,
          after: row,
        });
      });
      return row.id;
    },

    async declaredInterests(reader, partnershipId, meetingId, itemId) {
      await requireMeeting(db, partnershipId, meetingId);
      return readable(reader, partnershipId, await listItemInterests(db, meetingId, itemId ? { agendaItemId: itemId } : {}));
    },

    async recordInMinutes(officer, partnershipId, meetingId, itemId, declaredId) {
      if (!isOfficer(officer, partnershipId)) throw new NotPermittedError('Only the partnership’s officers record the minutes');
      await visibleItem(officer, partnershipId, meetingId, itemId);
      const [declared] = await listItemInterests(db, meetingId, { agendaItemId: itemId, id: declaredId });
      if (!declared) throw new FieldValidationError('form', 'Choose an interest declared on this item');
      // Claimed first, so that two clicks record it once; given back if the minutes refuse it.
      if (!(await markInterestRecorded(db, declared.id, isoNow(clock), officer.userId))) {
        throw new FieldValidationError('form', `The interest declared by ${declared.personName} is already in the minutes`);
      }
      try {
        await minutes.addDeclaration(officer, partnershipId, meetingId, itemId, {
          personId: declared.personId,
          interestId: declared.interestId,
          nature: `${interestCategoryNames[declared.category]}: ${declared.nature}`,
        });
      } catch (error) {
        await releaseInterestRecorded(db, declared.id);
        throw error;
      }
    },

    async commentableItems(reader, partnershipId, meetingId) {
      const [sections, readership] = await Promise.all([
        agenda.agenda(partnershipId, meetingId),
        confidentiality.readership(partnershipId, reader),
      ]);
      const { groupId } = await requireMeeting(db, partnershipId, meetingId);
      return sections.flatMap((section) => section.items).filter((item) => maySee(readership, { ...item, groupId }));
    },

    async comment(member, partnershipId, meetingId, input) {
      const { meeting, self } = await memberFor('comment', member, partnershipId, meetingId);
      const item = input.agendaItemId
        ? await visibleItem(member, partnershipId, meetingId, input.agendaItemId).catch((error: unknown) => {
            if (error instanceof NotFoundError) {
              throw new FieldValidationError('agendaItemId', 'Select an item of this meeting, or the minutes as a whole');
            }
            throw error;
          })
        : null;
      const row = {
        id: randomUUID(),
        partnershipId,
        meetingId,
        agendaItemId: item?.id ?? null,
        personId: self.id,
        comment: input.comment,
        madeAt: isoNow(clock),
        madeBy: member.userId,
        resolution: null,
        resolutionNote: null,
        resolvedAt: null,
        resolvedBy: null,
      };
      await db.transaction().execute(async (trx) => {
        await insertComment(trx, row);
        await audit.record(trx, member, {
          action: 'create',
          entityType: 'minutes comment',
          entityId: row.id,
          partnershipId,
          summary: `${self.name} commented on the draft minutes of ${where(meeting)}${item ? `, item "${item.title}"` : ''}`,
          before: null,
          after: row,
        });
      });
      return row.id;
    },

    async comments(reader, partnershipId, meetingId) {
      await requireMeeting(db, partnershipId, meetingId);
      return readable(reader, partnershipId, await listComments(db, meetingId));
    },

    async resolveComment(officer, partnershipId, meetingId, commentId, input) {
      if (!isOfficer(officer, partnershipId)) throw new NotPermittedError('Only the partnership’s officers resolve comments');
      const meeting = await requireMeeting(db, partnershipId, meetingId);
      const [before] = await readable(officer, partnershipId, await listComments(db, meetingId, { id: commentId }));
      if (!before) throw new FieldValidationError('form', 'Choose a comment on these minutes to resolve');
      const resolution = {
        resolution: input.resolution,
        resolutionNote: input.note,
        resolvedAt: isoNow(clock),
        resolvedBy: officer.userId,
      };
      await db.transaction().execute(async (trx) => {
        if (!(await resolveComment(trx, commentId, resolution))) {
          throw new FieldValidationError(`resolution-${commentId}`, 'Someone else resolved this comment first');
        }
        await audit.record(trx, officer, {
          action: 'update',
          entityType: 'minutes comment',
          entityId: commentId,
          partnershipId,
          summary: `Resolved the comment of ${before.personName} on the draft minutes of ${where(meeting)}: ${commentResolutionNames[input.resolution].toLowerCase()}`,
          before,
          after: { ...before, ...resolution },
        });
      });
    },
  };
}

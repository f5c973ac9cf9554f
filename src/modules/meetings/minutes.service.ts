import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import type { Principal } from '../../platform/principal.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import type { Recipients } from '../../platform/recipients.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { lockRow } from '../../db/locks.ts';
import type { Database } from '../../db/schema.ts';
import type { ActionInput, ActionsService, LoggedAction } from '../actions/index.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { updateVersioned } from '../../platform/records.ts';
import { type AgendaItemRow, listAgendaItems } from './agenda.repository.ts';
import type { AgendaService } from './agenda.service.ts';
import type { AttendanceService, MeetingAttendance } from './attendance.service.ts';
import type { Confidentiality, ReadingOptions } from './confidentiality.ts';
import { carryForwardDeferred } from './deferrals.ts';
import { listMeetings, type MeetingView, requireMeeting } from './meetings.repository.ts';
import {
  approvingMeetings,
  canAmend,
  isEditable,
  type MinutesStatus,
  type MinutesStep,
  whyFixed,
  whyNot,
  whyNotApprovedAt,
} from './minutesLife.ts';
import { assertDueFromMeeting, hasStarted, notStartedYet } from './meetingTime.ts';
import type { GovernanceReads } from './governance.reads.ts';
import type { DecisionInput, DeclarationInput } from './meetings.inputs.ts';
import { createEntryCorrections, type EntryChange, type EntryKind } from './minutesEntries.ts';
import {
  countDecisions,
  type DeclarationView,
  findDecision,
  insertDeclaration,
  updateDecision,
  updateDeclaration,
  listDeclarations,
  type AmendmentRow,
  approvesMinutes,
  ensureMeetingMinutes,
  findItemMinutes,
  findMeetingMinutes,
  insertAmendment,
  listAmendments,
  type MeetingMinutesRow,
  insertDecision,
  insertItemMinutes,
  listDecisions,
} from './minutes.repository.ts';
import { readOnce } from '../../platform/readOnce.ts';
import { createDecisionVotes, type RegisteredDecision } from './decisionVotes.ts';

export type { RegisteredDecision };

export interface ItemMinutes {
  meeting: MeetingView;
  item: AgendaItemRow;
  narrative: string;
  /** 0 before anything is written. */
  version: number;
  /** Where the meeting's minutes are in their life: what can still be written on them. */
  status: MinutesStatus;
  decisions: RegisteredDecision[];
  actions: LoggedAction[];
  declarations: DeclarationView[];
}

/** Who reads the minutes: someone signed in (their account, and who they are to the rule on Part II), or the public. */
export type MinutesReader = Principal | 'public';

/** A meeting's minutes as one reader may read them. */
export interface MinutesRecord {
  meeting: MeetingView;
  life: MinutesLife;
  attendance: MeetingAttendance;
  /** True when Part II items are left out: the reader is not the group's, or asked for the public version. */
  publicVersion: boolean;
  /** How many Part II items this reader's copy leaves out. */
  withheld: number;
  items: (AgendaItemRow & { number: number } & Pick<ItemMinutes, 'narrative' | 'declarations' | 'decisions' | 'actions'>)[];
}

export interface MinutesLife {
  status: MinutesStatus;
  version: number;
  circulatedAt: string | null;
  approvedAt: string | null;
  approvedAtMeeting: MeetingView | null;
  signedAt: string | null;
  signedBy: string | null;
  amendments: AmendmentRow[];
  /** Why each step cannot be taken now, or null where it can: the page offers only what the service would take. */
  refusals: Record<MinutesStep, string | null>;
  /** Why the meeting can no longer be moved or cancelled, or null. */
  fixed: string | null;
}

export interface MinutesService {
  life(partnershipId: string, meetingId: string): Promise<MinutesLife>;
  /** Who circulating the minutes e-mails: the group's members. */
  circulationRecipients(partnershipId: string, meetingId: string): Promise<Recipients>;
  /** Marks the minutes as circulated and e-mails the group's members a link to them; says whom. */
  circulate(actor: Actor, partnershipId: string, meetingId: string, version: number): Promise<Recipients>;
  /** Approved at a later meeting of the same group, "as a true and accurate record". */
  approve(actor: Actor, partnershipId: string, meetingId: string, version: number, atMeetingId: string): Promise<void>;
  sign(actor: Actor, partnershipId: string, meetingId: string, version: number, signedBy: string): Promise<void>;
  /** A correction to approved minutes: recorded beside them, never changing them. */
  amend(actor: Actor, partnershipId: string, meetingId: string, correction: string): Promise<void>;
  /** One item's minutes, whoever asks: for the rules and the seeds. Readers get them through `readItemMinutes`. */
  itemMinutes(partnershipId: string, meetingId: string, itemId: string): Promise<ItemMinutes>;
  /** One item's minutes for a reader: a Part II item's only for its group (others are told it is not found), and audited. */
  readItemMinutes(reader: Principal, partnershipId: string, meetingId: string, itemId: string): Promise<ItemMinutes>;
  /**
   * A meeting's minutes for a reader: Part II items only for the group's readers who did not ask for the
   * public version. A read that includes Part II items is audited, saying in what form (`as`: page, PDF …).
   */
  readMinutes(
    reader: MinutesReader,
    partnershipId: string,
    meetingId: string,
    options: ReadingOptions & { as: string },
  ): Promise<MinutesRecord>;
  saveNarrative(actor: Actor, partnershipId: string, meetingId: string, itemId: string, version: number, narrative: string): Promise<void>;
  addDecision(actor: Actor, partnershipId: string, meetingId: string, itemId: string, input: DecisionInput): Promise<string>;
  addAction(actor: Actor, partnershipId: string, meetingId: string, itemId: string, input: ActionInput): Promise<string>;
  /** A declaration of interest on an item, made at the start of the meeting, referring to the register where it can. */
  addDeclaration(actor: Actor, partnershipId: string, meetingId: string, itemId: string, input: DeclarationInput): Promise<string>;
  /**
   * Puts right a decision, declaration or action of an item, until the minutes are approved, from the version the
   * user saw (a ConflictError if someone changed it since); audited with before and after. The outcome of a decision
   * that funding or a later agenda item rests on stays as it is.
   */
  changeEntry(
    actor: Actor,
    partnershipId: string,
    meetingId: string,
    itemId: string,
    id: string,
    version: number,
    change: EntryChange,
  ): Promise<void>;
  /** Removes one, likewise; one that other records refer to (funding, action updates) is refused. */
  removeEntry(
    actor: Actor,
    partnershipId: string,
    meetingId: string,
    itemId: string,
    kind: EntryKind,
    id: string,
    version: number,
  ): Promise<void>;
  /**
   * Every decision of the partnership this viewer may see (one of a Part II item only if they may read the
   * item), newest meeting first, with those deferred for want of a quorum marked.
   */
  decisionsRegister(partnershipId: string, viewer: Principal, search?: string): Promise<RegisteredDecision[]>;
  decisionsRegisterPage(
    partnershipId: string,
    viewer: Principal,
    search: string | undefined,
    page: { limit: number; offset: number },
  ): Promise<{ decisions: RegisteredDecision[]; total: number }>;
}

/** What the minutes need: the agenda and attendance, governance's terms, people and interests, and the action log. */
export interface MinutesDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  agenda: AgendaService;
  attendance: AttendanceService;
  governance: Pick<GovernanceReads, 'termsInForceOn' | 'termsHistory' | 'people' | 'listInterests'>;
  actions: Pick<ActionsService, 'forItem' | 'recordInMinutes' | 'findInMinutes' | 'changeInMinutes' | 'removeFromMinutes' | 'ownerOf'>;
  confidentiality: Confidentiality;
  /** The group's members with and without an e-mail address. */
  groupRecipients: (partnershipId: string, groupId: string) => Promise<Recipients>;
  /** E-mails the group's members; says who was and was not e-mailed. */
  notifyGroupMembers: (partnershipId: string, groupId: string, subject: string, text: string) => Promise<Recipients>;
  /** Where users reach the service, for the link in the e-mail that the minutes are circulated. */
  publicUrl: string;
  /** What of funding rests on a decision, in words ("18 allocations of funding rest on this decision"), or null; read in the minutes' transaction. */
  decisionReliedOn: (trx: Kysely<Database>, partnershipId: string, decisionId: string) => Promise<string | null>;
}

/** The e-mail that draft minutes are circulated: a link to read them after signing in, never their text (Part II may be in it). */
/** `link` is the meeting's address: the minutes are read at …/minutes/print and commented on at …/minutes/comments. */
export function minutesCirculatedNotice(meeting: MeetingView, link: string): { subject: string; text: string } {
  const when = describeWhen(meeting.meetingDate, meeting.startTime);
  return {
    subject: `Draft minutes circulated: ${meeting.groupName}, ${when}`,
    text: [
      `The draft minutes of the ${meeting.groupName} meeting on ${when} have been circulated.`,
      '',
      'Read them after signing in:',
      `${link}/minutes/print`,
      '',
      'Comment on them, with any corrections, before they are approved at the next meeting:',
      `${link}/minutes/comments`,
      '',
      'You are sent this because you are a member of the group.',
    ].join('\n'),
  };
}

export function createMinutesService({
  db,
  audit,
  clock,
  agenda,
  attendance,
  governance,
  actions,
  confidentiality,
  groupRecipients,
  notifyGroupMembers,
  publicUrl,
  decisionReliedOn,
}: MinutesDependencies): MinutesService {
  const { registered, decided, assertVoteStillFits } = createDecisionVotes({ attendance, governance });

  /** Checks a declaration names a person of the partnership and, if any, one of their interests. */
  async function checkDeclaration(partnershipId: string, input: DeclarationInput): Promise<void> {
    const [people, interests] = await Promise.all([
      governance.people(partnershipId),
      governance.listInterests(partnershipId, { personId: input.personId }),
    ]);
    if (!people.some((person) => person.id === input.personId))
      throw new FieldValidationError('personId', 'Select a person in this partnership');
    if (input.interestId && !interests.some((interest) => interest.id === input.interestId)) {
      throw new FieldValidationError('interestId', "Select one of this person's interests, or none");
    }
  }

  /** The meeting and item, checked; minutes are not written for a cancelled meeting. */
  async function writable(partnershipId: string, meetingId: string, itemId: string) {
    const { meeting, item } = await agenda.item(partnershipId, meetingId, itemId);
    if (meeting.status === 'cancelled') throw new FieldValidationError('form', 'This meeting was cancelled: it has no minutes');
    if (!hasStarted(meeting, clock.now())) throw new FieldValidationError('form', notStartedYet(meeting));
    return { meeting, item };
  }

  const where = (meeting: MeetingView, item: AgendaItemRow) => `${item.title} (${meeting.groupName}, ${meeting.meetingDate})`;

  /** Checked in the writing transaction, so an approval in between cannot be written over. */
  async function assertEditable(trx: Kysely<Database>, meetingId: string): Promise<void> {
    // Writers of a meeting's minutes, and the steps of their life, go one at a time.
    await lockRow(trx, 'meetings', meetingId);
    const life = await findMeetingMinutes(trx, meetingId);
    if (life && !isEditable(life.status)) {
      throw new FieldValidationError('form', 'These minutes have been approved and cannot change. Record a correction as an amendment.');
    }
  }

  const { correct, assertOutcomeFree } = createEntryCorrections({ db, audit, actions, decisionReliedOn, assertEditable });

  /** Adds one record to an item's minutes: refused once they are approved, audited with the change. */
  async function addToMinutes<R extends { id: string }>(
    actor: Actor,
    meetingId: string,
    entry: { entityType: string; partnershipId: string; summary: string; row: R; insert: (trx: Kysely<Database>, row: R) => Promise<void> },
  ): Promise<string> {
    const { entityType, partnershipId, summary, row, insert } = entry;
    await db.transaction().execute(async (trx) => {
      await assertEditable(trx, meetingId);
      await insert(trx, row);
      await audit.record(trx, actor, { action: 'create', entityType, entityId: row.id, partnershipId, summary, before: null, after: row });
    });
    return row.id;
  }

  const statusAfter = { circulate: 'circulated', approve: 'approved', sign: 'signed' } as const;

  /** One step in the life of the minutes: checked against the version seen and the rules of `minutesLife.ts`, audited. */
  async function step(
    actor: Actor,
    partnershipId: string,
    meetingId: string,
    version: number,
    move: keyof typeof statusAfter,
    changes: Partial<MeetingMinutesRow>,
    summary: string,
    alongside?: (trx: Kysely<Database>) => Promise<unknown>,
  ): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await lockRow(trx, 'meetings', meetingId);
      const before = await ensureMeetingMinutes(trx, meetingId, partnershipId);
      if (before.version !== version) throw new ConflictError(before.version);
      const meeting = await requireMeeting(trx, partnershipId, meetingId);
      const approvedAt = before.approvedAtMeetingId ? await requireMeeting(trx, partnershipId, before.approvedAtMeetingId) : null;
      const why = whyNot(move, { status: before.status, meeting, approvedAt, now: clock.now() });
      if (why) throw new FieldValidationError('form', why);
      await updateVersioned(trx, audit, actor, {
        table: 'meetingMinutes',
        key: 'meetingId',
        id: meetingId,
        partnershipId,
        version,
        changes: { ...changes, status: statusAfter[move] },
        what: 'minutes',
        entry: (was, now) => ({ action: 'update', entityType: 'minutes', partnershipId, summary, before: was, after: now }),
      });
      await alongside?.(trx);
    });
  }

  /**
   * Approved minutes are public, as the public home promises: a meeting whose agenda was never published goes on
   * the public page with them (its public items and papers, never Part II), without the agenda's e-mail to members.
   */
  async function publishWithMinutes(trx: Kysely<Database>, actor: Actor, meeting: MeetingView): Promise<void> {
    if (meeting.publishedAt !== null) return;
    const at = isoNow(clock);
    await updateVersioned(trx, audit, actor, {
      table: 'meetings',
      id: meeting.id,
      partnershipId: meeting.partnershipId,
      version: meeting.version,
      what: 'meeting',
      changes: { publishedAt: at, publishedBy: actor.userId, updatedAt: at },
      entry: () => ({
        action: 'update',
        entityType: 'meeting',
        partnershipId: meeting.partnershipId,
        summary: `Put the meeting of ${meeting.groupName} on ${formatDate(meeting.meetingDate)} on the public page with its approved minutes: its agenda had not been published`,
        before: { publishedAt: null },
        after: { publishedAt: at },
      }),
    });
  }

  /** Circulating or approving the minutes carries the meeting's deferred decisions forward (see `deferrals.ts`). */
  async function carryingForward(actor: Actor, meeting: MeetingView) {
    const decisions = await registered(meeting.partnershipId, await listDecisions(db, meeting.partnershipId, { meetingId: meeting.id }));
    const items = await listAgendaItems(db, meeting.id);
    const deferred = decisions.flatMap((decision) => {
      const item = items.find((candidate) => candidate.id === decision.agendaItemId);
      return decision.deferredForQuorum && item ? [{ id: decision.id, wording: decision.wording, item }] : [];
    });
    return (trx: Kysely<Database>) => carryForwardDeferred(trx, { audit, clock, actor }, meeting, deferred);
  }

  // Read once for a page, which asks for it both for the minutes and for what may be done with them.
  function lifeOf(partnershipId: string, meetingId: string): Promise<MinutesLife> {
    return readOnce(`minutes life ${partnershipId} ${meetingId}`, () => readLifeOf(partnershipId, meetingId));
  }

  async function readLifeOf(partnershipId: string, meetingId: string): Promise<MinutesLife> {
    const meeting = await requireMeeting(db, partnershipId, meetingId);
    const [life, amendments, later, approvesOthers] = await Promise.all([
      findMeetingMinutes(db, meetingId),
      listAmendments(db, meetingId),
      listMeetings(db, partnershipId, { groupId: meeting.groupId, from: meeting.meetingDate }),
      approvesMinutes(db, meetingId),
    ]);
    const approvedAtMeeting = life?.approvedAtMeetingId ? await requireMeeting(db, partnershipId, life.approvedAtMeetingId) : null;
    const status = life?.status ?? 'draft';
    const now = clock.now();
    const facts = { status, meeting, approvedAt: approvedAtMeeting, now };
    const approvable = whyNot('approve', facts);
    return {
      refusals: {
        write: whyNot('write', facts),
        comment: whyNot('comment', facts),
        circulate: whyNot('circulate', facts),
        approve:
          approvable ??
          (approvingMeetings(meeting, later, now).length === 0
            ? 'The minutes are approved at a later meeting of the group: record it once that meeting has started'
            : null),
        sign: whyNot('sign', facts),
      },
      fixed: whyFixed(status, approvesOthers),
      status,
      version: life?.version ?? 1,
      circulatedAt: life?.circulatedAt ?? null,
      approvedAt: life?.approvedAt ?? null,
      approvedAtMeeting,
      signedAt: life?.signedAt ?? null,
      signedBy: life?.signedBy ?? null,
      amendments,
    };
  }

  async function itemMinutes(partnershipId: string, meetingId: string, itemId: string): Promise<ItemMinutes> {
    const { meeting, item } = await agenda.item(partnershipId, meetingId, itemId);
    const [minutes, decisions, agreed, declarations, life] = await Promise.all([
      findItemMinutes(db, itemId),
      listDecisions(db, partnershipId, { agendaItemId: itemId }),
      actions.forItem(partnershipId, itemId),
      listDeclarations(db, itemId),
      findMeetingMinutes(db, meetingId),
    ]);
    return {
      meeting,
      item,
      narrative: minutes?.narrative ?? '',
      version: minutes?.version ?? 0,
      status: life?.status ?? 'draft',
      decisions: await registered(partnershipId, decisions),
      actions: agreed,
      declarations,
    };
  }

  return {
    life: lifeOf,

    async circulationRecipients(partnershipId, meetingId) {
      const meeting = await requireMeeting(db, partnershipId, meetingId);
      return groupRecipients(partnershipId, meeting.groupId);
    },

    async circulate(actor, partnershipId, meetingId, version) {
      const meeting = await requireMeeting(db, partnershipId, meetingId);
      await step(
        actor,
        partnershipId,
        meetingId,
        version,
        'circulate',
        { circulatedAt: isoNow(clock) },
        `Circulated the minutes of ${meeting.groupName}, ${meeting.meetingDate}`,
        await carryingForward(actor, meeting),
      );
      const { subject, text } = minutesCirculatedNotice(meeting, `${publicUrl}/partnerships/${partnershipId}/meetings/${meetingId}`);
      return notifyGroupMembers(partnershipId, meeting.groupId, subject, text);
    },

    async approve(actor, partnershipId, meetingId, version, atMeetingId) {
      const [meeting, at] = await Promise.all([
        requireMeeting(db, partnershipId, meetingId),
        requireMeeting(db, partnershipId, atMeetingId).catch(() => null),
      ]);
      const refused = whyNotApprovedAt(meeting, at, clock.now());
      if (refused || !at) throw new FieldValidationError('atMeetingId', refused ?? 'Select a later meeting of the same group');
      const carry = await carryingForward(actor, meeting);
      await step(
        actor,
        partnershipId,
        meetingId,
        version,
        'approve',
        { approvedAtMeetingId: atMeetingId, approvedAt: isoNow(clock) },
        `Approved the minutes of ${meeting.groupName}, ${meeting.meetingDate}, at the meeting of ${at.meetingDate}`,
        async (trx) => {
          // Both meetings read again under their locks (the minutes' own is taken by the step), which moving or
          // cancelling either takes: moved since, the one is no longer later than the other.
          await lockRow(trx, 'meetings', atMeetingId);
          const minuted = await requireMeeting(trx, partnershipId, meetingId);
          const still = whyNotApprovedAt(minuted, await requireMeeting(trx, partnershipId, atMeetingId), clock.now());
          if (still) throw new FieldValidationError('atMeetingId', still);
          await publishWithMinutes(trx, actor, minuted);
          await carry(trx);
        },
      );
    },

    async sign(actor, partnershipId, meetingId, version, signedBy) {
      const meeting = await requireMeeting(db, partnershipId, meetingId);
      await step(
        actor,
        partnershipId,
        meetingId,
        version,
        'sign',
        { signedAt: isoNow(clock), signedBy },
        `${signedBy} signed the minutes of ${meeting.groupName}, ${meeting.meetingDate}`,
      );
    },

    async amend(actor, partnershipId, meetingId, correction) {
      const meeting = await requireMeeting(db, partnershipId, meetingId);
      await db.transaction().execute(async (trx) => {
        await lockRow(trx, 'meetings', meetingId);
        const life = await findMeetingMinutes(trx, meetingId);
        if (!life || !canAmend(life.status)) {
          throw new FieldValidationError('correction', 'These minutes are not approved yet: change them directly');
        }
        const row = { id: randomUUID(), partnershipId, meetingId, correction, madeAt: isoNow(clock), madeBy: actor.userId };
        await insertAmendment(trx, row);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'minutes_amendment',
          entityId: row.id,
          partnershipId,
          summary: `Recorded a correction to the approved minutes of ${meeting.groupName}, ${meeting.meetingDate}`,
          before: null,
          after: row,
        });
      });
    },

    itemMinutes,

    async readItemMinutes(reader, partnershipId, meetingId, itemId) {
      const { meeting, item } = await agenda.item(partnershipId, meetingId, itemId);
      if (!item.confidential) return itemMinutes(partnershipId, meetingId, itemId);
      if ((await confidentiality.audienceFor(partnershipId, meetingId, reader)) !== 'group') throw new NotFoundError('agenda item');
      const record = await itemMinutes(partnershipId, meetingId, itemId);
      const summary = `Viewed the minutes of the Part II item ${where(meeting, item)}`;
      return audit.auditedRead(reader, { entityType: 'minutes', entityId: itemId, partnershipId, summary }, () => Promise.resolve(record));
    },

    async readMinutes(reader, partnershipId, meetingId, { as, ...options }) {
      const audience = reader === 'public' ? 'public' : await confidentiality.audienceFor(partnershipId, meetingId, reader, options);
      const [meeting, sections, present, life] = await Promise.all([
        requireMeeting(db, partnershipId, meetingId),
        agenda.agenda(partnershipId, meetingId),
        attendance.attendance(partnershipId, meetingId),
        lifeOf(partnershipId, meetingId),
      ]);
      const all = sections.flatMap((section) => section.items);
      const shown = all.filter((item) => audience === 'group' || !item.confidential);
      const items = await Promise.all(
        shown.map(async (item) => {
          const { narrative, declarations, decisions, actions: agreed } = await itemMinutes(partnershipId, meetingId, item.id);
          return { ...item, narrative, declarations, decisions, actions: agreed };
        }),
      );
      const withheld = all.length - shown.length;
      const record = { meeting, life, attendance: present, publicVersion: audience !== 'group', withheld, items };
      const partTwo = shown.filter((item) => item.confidential);
      if (reader === 'public' || partTwo.length === 0) return record;
      const summary = `Viewed the minutes (${as}) of ${meeting.groupName}, ${formatDate(meeting.meetingDate)}, with Part II: ${partTwo.map((item) => `"${item.title}"`).join(', ')}`;
      return audit.auditedRead(reader, { entityType: 'minutes', entityId: meetingId, partnershipId, summary }, () =>
        Promise.resolve(record),
      );
    },

    async saveNarrative(actor, partnershipId, meetingId, itemId, version, narrative) {
      const { meeting, item } = await writable(partnershipId, meetingId, itemId);
      await db.transaction().execute(async (trx) => {
        await assertEditable(trx, meetingId);
        const before = await findItemMinutes(trx, itemId);
        const now = isoNow(clock);
        if ((before?.version ?? 0) !== version) throw new ConflictError(before?.version ?? 0);
        const entry = { entityType: 'minutes', partnershipId, summary: `Wrote the minutes of ${where(meeting, item)}` };
        if (before) {
          await updateVersioned(trx, audit, actor, {
            table: 'itemMinutes',
            key: 'agendaItemId',
            id: itemId,
            partnershipId,
            version,
            changes: { narrative, updatedAt: now, updatedBy: actor.userId },
            what: 'minutes',
            entry: (was) => ({ ...entry, action: 'update', before: was, after: { narrative } }),
          });
          return;
        }
        await insertItemMinutes(trx, {
          agendaItemId: itemId,
          partnershipId,
          meetingId,
          narrative,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await audit.record(trx, actor, { ...entry, action: 'create', entityId: itemId, before: null, after: { narrative } });
      });
    },

    async addDecision(actor, partnershipId, meetingId, itemId, input) {
      const { meeting, item } = await writable(partnershipId, meetingId, itemId);
      const { fields, voteCheck } = await decided(partnershipId, meeting, input);
      const row = {
        id: randomUUID(),
        partnershipId,
        meetingId,
        agendaItemId: itemId,
        ...fields,
        createdAt: isoNow(clock),
        createdBy: actor.userId,
      };
      return addToMinutes(actor, meetingId, {
        entityType: 'decision',
        partnershipId,
        summary: `Recorded a decision on ${where(meeting, item)}`,
        row,
        insert: async (trx, decision) => {
          await assertVoteStillFits(trx, meetingId, voteCheck);
          await insertDecision(trx, decision);
        },
      });
    },

    async addAction(actor, partnershipId, meetingId, itemId, input) {
      const { meeting, item } = await writable(partnershipId, meetingId, itemId);
      assertDueFromMeeting(meeting, input.dueDate);
      const owner = await actions.ownerOf(partnershipId, input.owner);
      const now = isoNow(clock);
      const row = {
        id: randomUUID(),
        partnershipId,
        groupId: meeting.groupId,
        meetingId,
        agendaItemId: itemId,
        ...input,
        ...owner,
        status: 'open' as const,
        createdAt: now,
        updatedAt: now,
      };
      return addToMinutes(actor, meetingId, {
        entityType: 'action',
        partnershipId,
        summary: `Recorded an action for ${owner.owner} on ${where(meeting, item)}`,
        row,
        insert: (trx, row) => actions.recordInMinutes(trx, row),
      });
    },

    async addDeclaration(actor, partnershipId, meetingId, itemId, input) {
      const { meeting, item } = await writable(partnershipId, meetingId, itemId);
      await checkDeclaration(partnershipId, input);
      const row = {
        id: randomUUID(),
        partnershipId,
        meetingId,
        agendaItemId: itemId,
        ...input,
        madeAt: isoNow(clock),
        madeBy: actor.userId,
      };
      return addToMinutes(actor, meetingId, {
        entityType: 'declaration',
        partnershipId,
        summary: `Recorded a declaration of interest on ${where(meeting, item)}`,
        row,
        insert: insertDeclaration,
      });
    },

    async changeEntry(actor, partnershipId, meetingId, itemId, id, version, change) {
      const { meeting, item } = await writable(partnershipId, meetingId, itemId);
      let write: (trx: Kysely<Database>) => Promise<boolean>;
      if (change.kind === 'decision') {
        const { fields, voteCheck } = await decided(partnershipId, meeting, change.input);
        write = async (trx) => {
          await assertVoteStillFits(trx, meetingId, voteCheck);
          const before = await findDecision(trx, itemId, id);
          if (before && before.outcome !== fields.outcome) await assertOutcomeFree(trx, partnershipId, id);
          return updateDecision(trx, id, version, fields);
        };
      } else if (change.kind === 'declaration') {
        await checkDeclaration(partnershipId, change.input);
        write = (trx) => updateDeclaration(trx, id, version, change.input);
      } else {
        assertDueFromMeeting(meeting, change.input.dueDate);
        const owned = { ...change.input, ...(await actions.ownerOf(partnershipId, change.input.owner)) };
        write = (trx) => actions.changeInMinutes(trx, id, version, owned);
      }
      await correct(actor, { partnershipId, meetingId, itemId, place: where(meeting, item), kind: change.kind, id, version }, write);
    },

    async removeEntry(actor, partnershipId, meetingId, itemId, kind, id, version) {
      const { meeting, item } = await writable(partnershipId, meetingId, itemId);
      await correct(actor, { partnershipId, meetingId, itemId, place: where(meeting, item), kind, id, version }, 'remove');
    },

    decisionsRegister: async (partnershipId, viewer, search) =>
      registered(
        partnershipId,
        await listDecisions(db, partnershipId, { search, seenBy: await confidentiality.readership(partnershipId, viewer) }),
      ),

    async decisionsRegisterPage(partnershipId, viewer, search, page) {
      const filter = { search, seenBy: await confidentiality.readership(partnershipId, viewer) };
      const [decisions, total] = await Promise.all([
        listDecisions(db, partnershipId, filter, page),
        countDecisions(db, partnershipId, filter),
      ]);
      return { decisions: await registered(partnershipId, decisions), total };
    },
  };
}

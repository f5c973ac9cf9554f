import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { lockRow } from '../../db/locks.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditEntry, AuditWriter } from '../../platform/audit.ts';
import { updateRecord, updateVersioned } from '../../platform/records.ts';
import { isRemovable, type NumberedSection, numberAgenda, standardItems, swapForMove } from './agenda.ts';
import { type AgendaItemRow, insertAgendaItem, listAgendaItems } from './agenda.repository.ts';
import { type MeetingView, requireMeeting } from './meetings.repository.ts';
import { findMeetingMinutes } from './minutes.repository.ts';
import { agendaRefusals } from './papers.ts';
import type { AgendaItemInput } from './meetings.inputs.ts';

export interface AgendaService {
  agenda(partnershipId: string, meetingId: string): Promise<NumberedSection<AgendaItemRow>[]>;
  item(partnershipId: string, meetingId: string, itemId: string): Promise<{ meeting: MeetingView; item: AgendaItemRow }>;
  /** `alongside` runs in the same transaction, e.g. to link a work programme item to the new agenda item. */
  addItem(
    actor: Actor,
    partnershipId: string,
    meetingId: string,
    input: AgendaItemInput,
    alongside?: (trx: Kysely<Database>, itemId: string) => Promise<void>,
  ): Promise<string>;
  updateItem(
    actor: Actor,
    partnershipId: string,
    meetingId: string,
    itemId: string,
    version: number,
    input: AgendaItemInput,
  ): Promise<void>;
  moveItem(actor: Actor, partnershipId: string, meetingId: string, itemId: string, direction: 'up' | 'down'): Promise<void>;
  removeItem(actor: Actor, partnershipId: string, meetingId: string, itemId: string, version: number): Promise<void>;
}

/** Every meeting's agenda starts with the standard items, which appear by themselves. */
export async function addStandardItems(trx: Kysely<Database>, partnershipId: string, meetingId: string, now: string): Promise<void> {
  for (const [position, standard] of standardItems.entries()) {
    await insertAgendaItem(trx, {
      id: randomUUID(),
      partnershipId,
      meetingId,
      section: standard.section,
      position,
      standardItem: standard.key,
      title: standard.title,
      presenter: null,
      purpose: null,
      confidential: false,
      confidentialReason: null,
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    });
  }
}

export interface AgendaDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
}

export function createAgendaService({ db, audit, clock }: AgendaDependencies): AgendaService {
  /** Refuses a change to the agenda of a cancelled meeting, or of one whose minutes are circulated; under its lock. */
  async function assertAgendaOpen(trx: Kysely<Database>, meeting: MeetingView): Promise<void> {
    const refused = agendaRefusals(meeting, (await findMeetingMinutes(trx, meeting.id))?.status ?? 'draft').change;
    if (refused) throw new FieldValidationError('title', refused);
  }

  /** The meeting and one of its own items, for a change; standard items and cancelled meetings are not changed. */
  async function changeable(trx: Kysely<Database>, partnershipId: string, meetingId: string, itemId: string, removing = false) {
    // Positions are numbered from the items already there: one writer of a meeting's agenda at a time.
    await lockRow(trx, 'meetings', meetingId);
    const meeting = await requireMeeting(trx, partnershipId, meetingId);
    const items = await listAgendaItems(trx, meetingId);
    const item = items.find((candidate) => candidate.id === itemId);
    if (!item) throw new NotFoundError('agenda item');
    await assertAgendaOpen(trx, meeting);
    if (removing ? !isRemovable(item) : item.standardItem)
      throw new FieldValidationError('title', 'Standard items are on every agenda and cannot be changed here');
    return { meeting, items, item };
  }

  function entryFor(meeting: MeetingView, summary: string, before: unknown, after: unknown): Omit<AuditEntry, 'entityId'> {
    return {
      action: before === null ? 'create' : after === null ? 'archive' : 'update',
      entityType: 'agenda_item',
      partnershipId: meeting.partnershipId,
      summary: `${summary} (${meeting.groupName}, ${meeting.meetingDate})`,
      before,
      after,
    };
  }

  function record(
    trx: Kysely<Database>,
    actor: Actor,
    meeting: MeetingView,
    itemId: string,
    summary: string,
    before: unknown,
    after: unknown,
  ) {
    return audit.record(trx, actor, { ...entryFor(meeting, summary, before, after), entityId: itemId });
  }

  return {
    async agenda(partnershipId, meetingId) {
      await requireMeeting(db, partnershipId, meetingId);
      return numberAgenda(await listAgendaItems(db, meetingId));
    },

    async item(partnershipId, meetingId, itemId) {
      const meeting = await requireMeeting(db, partnershipId, meetingId);
      const item = (await listAgendaItems(db, meetingId)).find((candidate) => candidate.id === itemId);
      if (!item) throw new NotFoundError('agenda item');
      return { meeting, item };
    },

    async addItem(actor, partnershipId, meetingId, input, alongside) {
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await lockRow(trx, 'meetings', meetingId);
        const meeting = await requireMeeting(trx, partnershipId, meetingId);
        await assertAgendaOpen(trx, meeting);
        const inSection = (await listAgendaItems(trx, meetingId)).filter((item) => item.section === input.section);
        const now = isoNow(clock);
        const item = {
          id,
          partnershipId,
          meetingId,
          ...input,
          position: Math.max(0, ...inSection.map((existing) => existing.position)) + 1,
          standardItem: null,
          createdAt: now,
          updatedAt: now,
          archivedAt: null,
        };
        await insertAgendaItem(trx, item);
        await record(trx, actor, meeting, id, `Added "${input.title}" to the agenda`, null, item);
        await alongside?.(trx, id);
      });
      return id;
    },

    async updateItem(actor, partnershipId, meetingId, itemId, version, input) {
      await db.transaction().execute(async (trx) => {
        const { meeting, items, item } = await changeable(trx, partnershipId, meetingId, itemId);
        if (item.version !== version) throw new ConflictError(item.version);
        // An item moved to another section goes to the end of it.
        const position =
          input.section === item.section
            ? item.position
            : Math.max(0, ...items.filter((other) => other.section === input.section).map((other) => other.position)) + 1;
        await updateVersioned(trx, audit, actor, {
          table: 'agendaItems',
          id: itemId,
          partnershipId,
          version,
          what: 'agenda item',
          changes: { ...input, position, updatedAt: isoNow(clock) },
          entry: async () => {
            const [after] = (await listAgendaItems(trx, meetingId)).filter((other) => other.id === itemId);
            return entryFor(meeting, `Changed agenda item "${input.title}"`, item, after);
          },
        });
      });
    },

    async moveItem(actor, partnershipId, meetingId, itemId, direction) {
      await db.transaction().execute(async (trx) => {
        const { meeting, items } = await changeable(trx, partnershipId, meetingId, itemId);
        const pair = swapForMove(items, itemId, direction);
        if (!pair) return;
        const [item, neighbour] = pair;
        const now = isoNow(clock);
        // Two rows change under one audit entry: each by the version-checked update beneath updateVersioned.
        if (
          !(await updateRecord(trx, 'agendaItems', item.id, item.version, { position: neighbour.position, updatedAt: now })) ||
          !(await updateRecord(trx, 'agendaItems', neighbour.id, neighbour.version, { position: item.position, updatedAt: now }))
        ) {
          throw new ConflictError(item.version);
        }
        await record(
          trx,
          actor,
          meeting,
          item.id,
          `Moved "${item.title}" ${direction} the agenda`,
          { position: item.position },
          { position: neighbour.position },
        );
      });
    },

    async removeItem(actor, partnershipId, meetingId, itemId, version) {
      await db.transaction().execute(async (trx) => {
        const { meeting, item } = await changeable(trx, partnershipId, meetingId, itemId, true);
        await updateVersioned(trx, audit, actor, {
          table: 'agendaItems',
          id: itemId,
          partnershipId,
          version,
          what: 'agenda item',
          changes: { archivedAt: isoNow(clock) },
          entry: () => entryFor(meeting, `Took "${item.title}" off the agenda`, item, null),
        });
      });
    },
  };
}

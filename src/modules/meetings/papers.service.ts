import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import type { Principal } from '../../platform/principal.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { Database } from '../../db/schema.ts';
import { lockRow } from '../../db/locks.ts';
import type { AuditEntry, AuditWriter } from '../../platform/audit.ts';
import { buildAgendaPack } from './agendaPack.ts';
import type { NumberedSection } from './agenda.ts';
import { type AgendaItemRow, listAgendaItems } from './agenda.repository.ts';
import type { AgendaService } from './agenda.service.ts';
import type { Audience, Confidentiality, ReadingOptions } from './confidentiality.ts';
import { type MeetingView, requireMeeting } from './meetings.repository.ts';
import { updateVersioned, type VersionedChange } from '../../platform/records.ts';
import type { MeetingDetails, MeetingsService } from './meetings.service.ts';
import { classifyPaper, kindOfContentType, type PaperKind, paperKinds } from '../../platform/documentFiles.ts';
import { agendaRefusals, paperStanding } from './papers.ts';
import { findMeetingMinutes } from './minutes.repository.ts';
import { insertPaper, listPapers, paperContent, type PaperRow } from './papers.repository.ts';

export type { Audience };

export type PaperView = PaperRow & { kind: PaperKind; kindName: string; late: boolean; supplement: boolean };

export type AgendaItemWithPapers = AgendaItemRow & { number: number; papers: PaperView[] };

export interface MeetingPapers {
  details: MeetingDetails;
  /** The agenda as this audience may see it: Part II items are left out unless it is the group's. */
  sections: (Omit<NumberedSection<AgendaItemRow>, 'items'> & { items: AgendaItemWithPapers[] })[];
}

export interface PaperUpload {
  fileName: string;
  bytes: Buffer;
  title: string | null;
}

/** What publishing an agenda tells the rest of the system: enough to notify the group's members. */
export interface AgendaPublished {
  partnershipId: string;
  meetingId: string;
  groupId: string;
  publishedAt: string;
  publishedBy: string | null;
}

/** What withdrawing a published agenda tells the rest of the system: enough to tell the group's members why. */
export interface AgendaWithdrawn {
  partnershipId: string;
  meetingId: string;
  groupId: string;
  withdrawnAt: string;
  reason: string;
}

export interface PapersService {
  /** Part II papers are "seen only by members of the group": the one rule of `Confidentiality`. */
  audienceFor(partnershipId: string, meetingId: string, viewer: Principal, options?: ReadingOptions): Promise<'group' | 'partnership'>;
  /** The meeting with its agenda and each item's papers, for one audience; a public audience sees only a published meeting. */
  meetingPapers(partnershipId: string, meetingId: string, audience: Audience): Promise<MeetingPapers>;
  upload(actor: Actor, partnershipId: string, meetingId: string, itemId: string, upload: PaperUpload): Promise<string>;
  /**
   * Puts a report on a meeting's agenda in one step: a new item for decision with the report's PDF as its paper,
   * in one transaction (the quarterly performance and financial reports, the monthly tasking document). A
   * confidential reason makes it a Part II item. A report already on the agenda (by its title) is refused, however
   * close together the two attachments come; `alongside` runs in the same transaction, e.g. to note where the report went.
   */
  attachReport(
    actor: Actor,
    partnershipId: string,
    meetingId: string,
    report: ReportPaper & { alongside?: (trx: Kysely<Database>, itemId: string) => Promise<void> },
  ): Promise<{ itemId: string; paperId: string }>;
  /** One paper's file, if this reader may have it (otherwise NotFoundError, which leaks nothing); a Part II paper's is audited. */
  file(reader: PapersReader, partnershipId: string, meetingId: string, paperId: string): Promise<{ paper: PaperView; content: Buffer }>;
  /** The agenda pack as one PDF, as this reader may see it; a pack with Part II items is audited. */
  pack(
    reader: PapersReader,
    partnershipName: string,
    partnershipId: string,
    meetingId: string,
    options?: ReadingOptions,
  ): Promise<{ meeting: MeetingView; pdf: Buffer; audience: Audience }>;
  remove(actor: Actor, partnershipId: string, meetingId: string, paperId: string, version: number): Promise<void>;
  /** Publishes the agenda and papers (again, after a withdrawal): its public part goes on the public pages. */
  publish(actor: Actor, partnershipId: string, meetingId: string): Promise<AgendaPublished>;
  /** Withdraws a published agenda before its meeting, with the reason: the public page then says so, without the agenda or papers. */
  withdraw(actor: Actor, partnershipId: string, meetingId: string, reason: string): Promise<AgendaWithdrawn>;
  /** A group's published meetings, earliest first: its calendar feed. */
  published(partnershipId: string, groupId: string): Promise<MeetingView[]>;
}

/** Who asks for a paper or the pack: someone signed in (their account, and who they are to the rule on Part II), or the public. */
/** A report put on an agenda as a new item with its PDF as the paper: a confidential reason makes it Part II. */
export interface ReportPaper {
  title: string;
  purpose: string;
  pdf: Buffer;
  confidentialReason: string | null;
}

export type PapersReader = Principal | 'public';

export interface PapersDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  confidentiality: Confidentiality;
  clock: Clock;
  meetings: MeetingsService;
  agenda: AgendaService;
  /**
   * Runs in the transaction that publishes the agenda, so that what it records (such as a job to
   * e-mail the group's members) commits with the publication or not at all.
   */
  onAgendaPublished?: (trx: Kysely<Database>, published: AgendaPublished) => Promise<void>;
  /** Runs in the transaction that withdraws a published agenda, as `onAgendaPublished` does. */
  onAgendaWithdrawn?: (trx: Kysely<Database>, withdrawn: AgendaWithdrawn) => Promise<void>;
}

/**
 * The meeting, locked and read again under its lock, whose papers may still change: refused once it is cancelled or
 * its minutes are circulated. A cancellation or publication that commits while this waits for the lock is seen.
 */
async function lockOpenPapers(trx: Kysely<Database>, partnershipId: string, meetingId: string): Promise<MeetingView> {
  await lockRow(trx, 'meetings', meetingId);
  const meeting = await requireMeeting(trx, partnershipId, meetingId);
  const refused = agendaRefusals(meeting, (await findMeetingMinutes(trx, meetingId))?.status ?? 'draft').change;
  if (refused) throw new FieldValidationError('file', refused);
  return meeting;
}

const withheldTitle = 'Confidential item (Part II): not for publication';

/**
 * A Part II item as those outside the group see it: in its place, with its number, so the agenda reads
 * whole, and nothing else — no title, presenter, reason or papers.
 */
function withheld<T extends AgendaItemRow & { number: number }>(item: T): T & { papers: PaperView[] } {
  return { ...item, title: withheldTitle, presenter: null, purpose: null, confidentialReason: null, papers: [] };
}

export function createPapersService({
  db,
  audit,
  confidentiality,
  clock,
  meetings,
  agenda,
  onAgendaPublished,
  onAgendaWithdrawn,
}: PapersDependencies): PapersService {
  const audienceOf = async (reader: PapersReader, partnershipId: string, meetingId: string, options?: ReadingOptions) =>
    reader === 'public' ? 'public' : await confidentiality.audienceFor(partnershipId, meetingId, reader, options);

  function view(paper: PaperRow, details: MeetingDetails): PaperView {
    const kind = kindOfContentType(paper.contentType) ?? 'pdf';
    return {
      ...paper,
      kind,
      kindName: paperKinds[kind].name,
      ...paperStanding(paper.createdAt, { papersDue: details.deadlines.papersDue, publishedAt: details.meeting.publishedAt }),
    };
  }

  async function meetingPapers(partnershipId: string, meetingId: string, audience: Audience): Promise<MeetingPapers> {
    const details = await meetings.get(partnershipId, meetingId);
    if (audience === 'public' && !details.meeting.publishedAt) throw new NotFoundError('meeting');
    // A withdrawn agenda's papers are no longer public.
    const [sections, papers] = await Promise.all([
      agenda.agenda(partnershipId, meetingId),
      audience === 'public' && details.meeting.agendaWithdrawnAt ? [] : listPapers(db, meetingId),
    ]);
    const seen = (item: AgendaItemRow) => audience === 'group' || !item.confidential;
    return {
      details,
      sections: sections.map((section) => ({
        ...section,
        items: section.items.map((item) =>
          seen(item)
            ? { ...item, papers: papers.filter((paper) => paper.agendaItemId === item.id).map((paper) => view(paper, details)) }
            : withheld(item),
        ),
      })),
    };
  }

  /** The agenda pack's PDF, its papers' bytes read through `trx` (for Part II, the audited read's transaction). */
  async function packOf(
    trx: Kysely<Database>,
    partnershipName: string,
    meeting: MeetingView,
    sections: MeetingPapers['sections'],
    audience: Audience,
  ): Promise<Buffer> {
    const withBytes = async (paper: PaperView) => ({
      ...paper,
      pdf: paper.kind === 'pdf' ? await paperContent(trx, paper.id) : null,
    });
    return buildAgendaPack({
      partnershipName,
      groupName: meeting.groupName,
      when: describeWhen(meeting.meetingDate, meeting.startTime),
      location: meeting.location,
      publicVersion: audience !== 'group',
      sections: await Promise.all(
        sections.map(async (section) => ({
          heading: section.heading,
          showHeading: section.section !== 'opening' && section.section !== 'closing',
          items: await Promise.all(section.items.map(async (item) => ({ ...item, papers: await Promise.all(item.papers.map(withBytes)) }))),
        })),
      ),
    });
  }

  /** The audit entry for a paper added to or removed from an agenda. */
  function entryFor(meeting: MeetingView, paper: PaperRow, removed: boolean): Omit<AuditEntry, 'entityId'> {
    const { title, fileName } = paper;
    return {
      action: removed ? 'archive' : 'create',
      entityType: 'paper',
      partnershipId: meeting.partnershipId,
      summary: `${removed ? 'Removed' : 'Added'} the paper "${title}" (${fileName}) ${removed ? 'from' : 'to'} the agenda of ${meeting.groupName}, ${formatDate(meeting.meetingDate)}`,
      before: removed ? paper : null,
      after: removed ? null : paper,
    };
  }

  /**
   * Publishes or withdraws a meeting's agenda: refused by the agenda's rules, else the meeting's change written
   * from the version read (so two at once make one), audited, and `done` run in the same transaction.
   */
  async function agendaStep<T>(
    actor: Actor,
    partnershipId: string,
    meetingId: string,
    step: 'publish' | 'withdraw',
    plan: (
      trx: Kysely<Database>,
      meeting: MeetingView,
      at: string,
    ) => { changes: VersionedChange<'meetings'>['changes']; summary: string; done: () => Promise<T> },
  ): Promise<T> {
    return db.transaction().execute(async (trx) => {
      // Under the lock the steps of its minutes take: circulating them settles the agenda.
      await lockRow(trx, 'meetings', meetingId);
      const meeting = await requireMeeting(trx, partnershipId, meetingId);
      const refused = agendaRefusals(meeting, (await findMeetingMinutes(trx, meetingId))?.status ?? 'draft')[step];
      if (refused) throw new FieldValidationError(step === 'publish' ? 'publish' : 'reason', refused);
      const at = isoNow(clock);
      const { changes: planned, summary, done } = plan(trx, meeting, at);
      const changes = { ...planned, updatedAt: at };
      await updateVersioned(trx, audit, actor, {
        table: 'meetings',
        id: meetingId,
        partnershipId,
        version: meeting.version,
        what: 'meeting',
        changes,
        entry: () => ({
          action: 'update',
          entityType: 'meeting',
          partnershipId,
          summary,
          before: meeting,
          after: { ...meeting, ...changes, version: meeting.version + 1 },
        }),
      });
      return done();
    });
  }

  async function acceptable(upload: PaperUpload): Promise<PaperKind> {
    const classified = await classifyPaper(upload.bytes, upload.fileName);
    if ('refused' in classified) throw new FieldValidationError('file', classified.refused);
    return classified.kind;
  }

  /** Writes a paper on an item, with its audit entry, in the caller's transaction. */
  async function store(
    trx: Kysely<Database>,
    actor: Actor,
    meeting: MeetingView,
    agendaItemId: string,
    id: string,
    upload: PaperUpload,
    kind: PaperKind,
  ): Promise<void> {
    const now = isoNow(clock);
    const paper = {
      id,
      partnershipId: meeting.partnershipId,
      meetingId: meeting.id,
      agendaItemId,
      title: upload.title ?? upload.fileName.replace(/\.[^.]*$/, '').slice(0, 200),
      fileName: upload.fileName,
      contentType: paperKinds[kind].contentType,
      sizeBytes: upload.bytes.length,
      uploadedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    };
    await insertPaper(trx, paper, upload.bytes);
    await audit.record(trx, actor, { ...entryFor(meeting, { ...paper, version: 1 }, false), entityId: paper.id });
  }

  return {
    audienceFor: (partnershipId, meetingId, viewer, options) => confidentiality.audienceFor(partnershipId, meetingId, viewer, options),

    meetingPapers,

    async upload(actor, partnershipId, meetingId, itemId, upload) {
      const kind = await acceptable(upload);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        const meeting = await lockOpenPapers(trx, partnershipId, meetingId);
        const item = (await listAgendaItems(trx, meetingId)).find((candidate) => candidate.id === itemId);
        if (!item) throw new NotFoundError('agenda item');
        await store(trx, actor, meeting, item.id, id, upload, kind);
      });
      return id;
    },

    async attachReport(actor, partnershipId, meetingId, { title, purpose, pdf, confidentialReason, alongside }) {
      const item = {
        title,
        section: 'decision' as const,
        presenter: null,
        purpose,
        confidential: confidentialReason !== null,
        confidentialReason,
      };
      const upload = { fileName: `${title}.pdf`, bytes: pdf, title };
      const kind = await acceptable(upload);
      const paperId = randomUUID();
      // addItem holds the meeting's lock, so of two attachments at the same moment the second sees the first.
      const itemId = await agenda.addItem(actor, partnershipId, meetingId, item, async (trx, newItemId) => {
        const meeting = await requireMeeting(trx, partnershipId, meetingId);
        if ((await listAgendaItems(trx, meetingId)).some((other) => other.id !== newItemId && other.title === title))
          throw new FieldValidationError(
            'meetingId',
            `“${title}” is already on the agenda of ${meeting.groupName}, ${formatDate(meeting.meetingDate)}`,
          );
        await store(trx, actor, meeting, newItemId, paperId, upload, kind);
        await alongside?.(trx, newItemId);
      });
      return { itemId, paperId };
    },

    async file(reader, partnershipId, meetingId, paperId) {
      const { details, sections } = await meetingPapers(partnershipId, meetingId, await audienceOf(reader, partnershipId, meetingId));
      const item = sections.flatMap((section) => section.items).find((candidate) => candidate.papers.some((p) => p.id === paperId));
      const paper = item?.papers.find((p) => p.id === paperId);
      if (!item || !paper) throw new NotFoundError('paper');
      const read = async (trx: Kysely<Database>) => {
        const content = await paperContent(trx, paper.id);
        if (!content) throw new NotFoundError('paper');
        return { paper, content };
      };
      if (!item.confidential || reader === 'public') return read(db);
      const { meeting } = details;
      const summary = `Downloaded the Part II paper "${paper.title}" (${paper.fileName}) of ${meeting.groupName}, ${formatDate(meeting.meetingDate)}`;
      return audit.auditedRead(reader, { entityType: 'paper', entityId: paper.id, partnershipId, summary }, read);
    },

    async pack(reader, partnershipName, partnershipId, meetingId, options) {
      const audience = await audienceOf(reader, partnershipId, meetingId, options);
      const { details, sections } = await meetingPapers(partnershipId, meetingId, audience);
      const { meeting } = details;
      if (audience === 'public' && meeting.agendaWithdrawnAt) throw new NotFoundError('agenda pack');
      const partTwo = audience === 'group' ? sections.flatMap((section) => section.items).filter((item) => item.confidential) : [];
      const build = (trx: Kysely<Database>) => packOf(trx, partnershipName, meeting, sections, audience);
      if (reader === 'public' || partTwo.length === 0) return { meeting, audience, pdf: await build(db) };
      const titles = partTwo.map((item) => `"${item.title}"`).join(', ');
      const summary = `Downloaded the agenda pack of ${meeting.groupName}, ${formatDate(meeting.meetingDate)}, with Part II: ${titles}`;
      const pdf = await audit.auditedRead(reader, { entityType: 'agenda_pack', entityId: meetingId, partnershipId, summary }, build);
      return { meeting, audience, pdf };
    },

    async remove(actor, partnershipId, meetingId, paperId, version) {
      await db.transaction().execute(async (trx) => {
        const meeting = await lockOpenPapers(trx, partnershipId, meetingId);
        const paper = (await listPapers(trx, meetingId)).find((p) => p.id === paperId);
        if (!paper) throw new NotFoundError('paper');
        // Once sent out with the published agenda, a paper is part of the record of the meeting.
        if (meeting.publishedAt && paper.createdAt <= meeting.publishedAt)
          throw new FieldValidationError('file', `"${paper.title}" went out with the published agenda, so it stays with it`);
        const at = isoNow(clock);
        await updateVersioned(trx, audit, actor, {
          table: 'papers',
          id: paperId,
          partnershipId,
          version,
          what: 'paper',
          changes: { archivedAt: at, updatedAt: at },
          entry: () => entryFor(meeting, paper, true),
        });
      });
    },

    async publish(actor, partnershipId, meetingId) {
      return agendaStep(actor, partnershipId, meetingId, 'publish', (trx, meeting, at) => {
        const published = { partnershipId, meetingId, groupId: meeting.groupId, publishedAt: at, publishedBy: actor.userId };
        const again = meeting.agendaWithdrawnAt ? ' again, after its withdrawal' : '';
        return {
          changes: {
            publishedAt: at,
            publishedBy: actor.userId,
            agendaWithdrawnAt: null,
            agendaWithdrawnBy: null,
            agendaWithdrawnReason: null,
          },
          summary: `Published the agenda of ${meeting.groupName}, ${formatDate(meeting.meetingDate)}${again}`,
          done: async () => {
            await onAgendaPublished?.(trx, published);
            return published;
          },
        };
      });
    },

    async withdraw(actor, partnershipId, meetingId, reason) {
      return agendaStep(actor, partnershipId, meetingId, 'withdraw', (trx, meeting, at) => {
        const withdrawn = { partnershipId, meetingId, groupId: meeting.groupId, withdrawnAt: at, reason };
        return {
          changes: { agendaWithdrawnAt: at, agendaWithdrawnBy: actor.userId, agendaWithdrawnReason: reason },
          summary: `Withdrew the agenda of ${meeting.groupName}, ${formatDate(meeting.meetingDate)}: ${reason}`,
          done: async () => {
            await onAgendaWithdrawn?.(trx, withdrawn);
            return withdrawn;
          },
        };
      });
    },

    async published(partnershipId, groupId) {
      return (await meetings.list(partnershipId, { groupId })).filter((meeting) => meeting.publishedAt !== null);
    },
  };
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Recipients } from '../../platform/recipients.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import type { Engine } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { GovernanceService } from '../governance/index.ts';
import { addDays } from '../../platform/workingDays.ts';
import type { MeetingView } from '../meetings/index.ts';
import {
  claimDueJobs,
  deleteFinishedJobs,
  insertActionReminder,
  insertJob,
  markJobDone,
  markJobFailed,
  type JobRow,
} from './jobs.repository.ts';
import type { Email, Mailer } from './mailer.ts';
import { agendaPublishedNotice, agendaWithdrawnNotice, personalEmail } from './notices.ts';
import { type Audience, audienceOf, defaultPreferences, type NoticeKind } from './noticeAudience.ts';
import { deleteHeldNotices, insertHeldNotice, selectHeldNotices, selectPreferences } from './preferences.repository.ts';
import type { UnsubscribeScope, UnsubscribeTokens } from './unsubscribeToken.ts';
import { digestEmail, digestRunAt, mondayFrom } from './digest.ts';
import { reminderEmail, reminderWindowDays } from './reminders.ts';
import { type ActionToRemind, type ReminderKeyset, selectActionsToRemind } from './reminders.repository.ts';
import { retryAt } from './retries.ts';

export interface JobsRun {
  done: number;
  retried: number;
  failed: number;
}

export interface NotificationsService {
  /** Queues an e-mail; a worker sends it, trying again if the mail server fails. */
  enqueueEmail(to: string, subject: string, text: string): Promise<void>;
  /** Queues several e-mails together: all of them, or (the database failing) none. */
  enqueueEmails(emails: readonly Email[]): Promise<void>;
  /**
   * Queues the notice to the group's members that a meeting's agenda and papers are published, in the
   * publishing transaction: the notice goes out if the publication commits, and only then.
   */
  queueAgendaPublished(trx: Kysely<Database>, published: { partnershipId: string; meetingId: string; groupId: string }): Promise<void>;
  /** Queues the notice that a published agenda was withdrawn, with its reason, in the withdrawing transaction. */
  queueAgendaWithdrawn(
    trx: Kysely<Database>,
    withdrawn: { partnershipId: string; meetingId: string; groupId: string; reason: string },
  ): Promise<void>;
  /**
   * Who of the group's current members a notice of the kind reaches (one per address; a digest's readers included),
   * who turned it off and who has no address, for a page that asks to confirm.
   */
  groupRecipients(partnershipId: string, groupId: string, kind: GroupNotice): Promise<Recipients>;
  /**
   * Queues the notice to each of those groupRecipients reaches (held for the weekly digest of those who chose it),
   * each with its unsubscribe link; returns who was and was not e-mailed.
   */
  notifyGroupMembers(partnershipId: string, groupId: string, kind: GroupNotice, subject: string, text: string): Promise<Recipients>;
  /** Queues each weekly digest: the notices held for a person, in one e-mail; returns how many digests. */
  sendDigests(): Promise<number>;
  /** Queues a reminder for each action falling due that has not been reminded of its due date; returns how many e-mails. */
  queueActionReminders(): Promise<number>;
  /** Puts today's daily jobs (action reminders, forgetting old jobs) on the queue, once however many servers start today. */
  scheduleDailyJobs(): Promise<void>;
  /** Runs every job that is due, until none is left; returns what happened. */
  runDueJobs(): Promise<JobsRun>;
  /**
   * Lets another module's work run through this queue, as jobs of its own kind. When the queue gives up on a job
   * (its last try failed), onGiveUp records it in the module, in the transaction that marks the job failed.
   */
  handleJobs(
    kind: string,
    handler: (payload: unknown) => Promise<void>,
    onGiveUp?: (trx: Kysely<Database>, payload: unknown, error: string) => Promise<void>,
  ): void;
  /**
   * Queues a job of a kind handed to handleJobs, in the transaction that makes it needed; with a uniqueKey, once
   * however many ask for it.
   */
  enqueueJob(trx: Kysely<Database>, kind: string, payload: unknown, options?: { uniqueKey?: string }): Promise<void>;
}

export interface NotificationsDependencies {
  db: Kysely<Database>;
  engine: Engine;
  clock: Clock;
  mailer: Mailer;
  /** The partnerships whose actions are chased: those governance lists as current. */
  partnershipIds: () => Promise<string[]>;
  /** A partnership's people, with their e-mail address where they have one. */
  people: (partnershipId: string) => Promise<{ id: string; name: string; email: string | null; organisationId: string | null }[]>;
  currentMemberships: GovernanceService['currentMemberships'];
  meeting: (partnershipId: string, id: string) => Promise<MeetingView>;
  /** Where users reach the service, for links in e-mails. */
  publicUrl: string;
  unsubscribeTokens: UnsubscribeTokens;
}

export type GroupNotice = Exclude<NoticeKind, 'reminders'>;

/** Long enough for a batch of slow SMTP deliveries; a worker that dies leaves its jobs to others after this. */
const leaseMs = 10 * 60_000;
const batchSize = 10;
/** Actions to remind of, read this many at a time, so that a first run over years of history holds few in memory. */
const reminderBatchSize = 500;
/** Daily jobs run early in the morning. */
const dailyRunTime = 'T06:00:00.000Z';

// A job's payload comes back from the database as JSON: checked before it is used.
const emailJob = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
}) satisfies z.ZodType<Email>;
const agendaPublishedJob = z.object({ partnershipId: z.string(), meetingId: z.string(), groupId: z.string() });
const agendaWithdrawnJob = agendaPublishedJob.extend({ reason: z.string() });
/** Finished jobs are kept this long, to answer "was it sent?"; then their addresses and text are forgotten. */
export const finishedJobsKeptDays = 90;

type Person = { id: string; name: string; email: string };
/** One of the partnership's people with an address, and their organisation: who answers for an organisation's action. */
type Member = Person & { organisationId: string | null };
type Addressee = { id: string; name: string; email: string | null };

export function createNotificationsService(deps: NotificationsDependencies): NotificationsService {
  const { db, engine, clock, mailer, partnershipIds, people: peopleOf, currentMemberships, meeting: meetingOf } = deps;
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  async function enqueue(trx: Kysely<Database>, kind: string, payload: unknown, options: { uniqueKey?: string; runAfter?: string } = {}) {
    const now = isoNow(clock);
    await insertJob(trx, {
      id: randomUUID(),
      kind,
      uniqueKey: options.uniqueKey ?? null,
      payload: JSON.stringify(payload),
      runAfter: options.runAfter ?? now,
      attempts: 0,
      lastError: null,
      lockedUntil: null,
      claimedBy: null,
      doneAt: null,
      failedAt: null,
      createdAt: now,
    });
  }

  async function enqueueEmails(trx: Kysely<Database>, emails: readonly Email[]): Promise<void> {
    for (const email of emails) await enqueue(trx, 'email', email);
  }

  async function scheduleDaily(kind: string, date: string): Promise<void> {
    const today = todayInEngland(clock);
    await enqueue(db, kind, {}, { uniqueKey: `${kind} ${date}`, runAfter: date === today ? isoNow(clock) : `${date}${dailyRunTime}` });
  }

  /** The one place that decides who receives a notice of a kind: audienceOf, with the people's own preferences. */
  async function audience<P extends Addressee>(people: readonly P[], kind: NoticeKind, groupId: string | null): Promise<Audience<P>> {
    const preferences = await selectPreferences(
      db,
      people.map((person) => person.id),
    );
    return audienceOf(people, (id) => preferences.get(id) ?? defaultPreferences, kind, groupId);
  }

  function unsubscribeEmail(person: Person, scope: Omit<UnsubscribeScope, 'personId'>, notice: { subject: string; text: string }): Email {
    return personalEmail(person.email, notice, {
      kind: scope.kind,
      unsubscribe: `${deps.publicUrl}/unsubscribe/${deps.unsubscribeTokens.sign({ personId: person.id, ...scope })}`,
      preferences: `${deps.publicUrl}/account/notices`,
    });
  }

  /** Sends the notice (worded for each person) to those who get each one, and holds it for those who chose the weekly digest. */
  async function deliver(
    trx: Kysely<Database>,
    reached: Pick<Audience<Addressee>, 'now' | 'held'>,
    scope: { partnershipId: string; kind: NoticeKind; groupId: string | null },
    notice: (person: Person) => { subject: string; text: string },
  ): Promise<void> {
    await enqueueEmails(
      trx,
      reached.now.map((person) => unsubscribeEmail(person, scope, notice(person))),
    );
    for (const person of reached.held) {
      const { subject, text } = notice(person);
      await insertHeldNotice(trx, {
        id: randomUUID(),
        personId: person.id,
        email: person.email,
        ...scope,
        subject,
        text,
        heldAt: isoNow(clock),
      });
    }
  }

  async function peopleWithEmail(partnershipId: string): Promise<Member[]> {
    return (await peopleOf(partnershipId)).flatMap((p) => (p.email ? [{ ...p, email: p.email }] : []));
  }

  /**
   * By the records, never by name: the person who owns the action, or the owning organisation's people who sit
   * on the action's group. Words such as "All agencies" name no one, and no one with an address may be left:
   * then the group's secretary, who keeps the action log, is reminded instead.
   */
  function recipientsOf(
    action: ActionToRemind,
    people: readonly Member[],
    members: readonly { personId: string; role: string }[],
  ): Member[] {
    const sitsOnGroup = (person: Member) => members.some((m) => m.personId === person.id);
    const owners = action.ownerPersonId
      ? people.filter((person) => person.id === action.ownerPersonId)
      : action.ownerOrganisationId
        ? people.filter((person) => person.organisationId === action.ownerOrganisationId && sitsOnGroup(person))
        : [];
    if (owners.length > 0) return owners;
    return people.filter((person) => members.some((m) => m.role === 'secretary' && m.personId === person.id));
  }

  /** Looked up once a run, and only for the partnerships and groups that have an action to remind of. */
  function onceEach<T>(lookUp: (key: string) => Promise<T>): (key: string) => Promise<T> {
    const found = new Map<string, Promise<T>>();
    return (key) => {
      let value = found.get(key);
      if (!value) found.set(key, (value = lookUp(key)));
      return value;
    };
  }

  async function queueActionReminders(): Promise<number> {
    const today = todayInEngland(clock);
    const partnerships = await partnershipIds();
    const peopleIn = onceEach(peopleWithEmail);
    const membersOf = onceEach((key) => {
      const [partnershipId = '', groupId] = key.split(' ');
      return currentMemberships(partnershipId, { groupId });
    });
    let queued = 0;
    // Every action, Part II ones too: a reminder goes to the action's owner (or the group's secretary).
    for (let after: ReminderKeyset | null = null; ;) {
      const due = await selectActionsToRemind(db, {
        partnershipIds: partnerships,
        until: addDays(today, reminderWindowDays),
        after,
        limit: reminderBatchSize,
      });
      const last = due.at(-1);
      if (!last) return queued;
      after = { dueDate: last.dueDate, id: last.id };
      for (const action of due) {
        const { partnershipId } = action;
        const recipients = recipientsOf(action, await peopleIn(partnershipId), await membersOf(`${partnershipId} ${action.groupId}`));
        const reached = await audience(recipients, 'reminders', null);
        if (reached.now.length + reached.held.length === 0) continue;
        const link = `${deps.publicUrl}/partnerships/${partnershipId}/actions/${action.id}`;
        // The record and the e-mails commit together: running again (or another server at once) sends nothing new.
        await db.transaction().execute(async (trx) => {
          if (!(await insertActionReminder(trx, { actionId: action.id, dueDate: action.dueDate, sentAt: isoNow(clock) }))) return;
          await deliver(trx, reached, { partnershipId, kind: 'reminders', groupId: null }, (person) =>
            reminderEmail(person.email, { ...action, recipientName: person.name, link }, today),
          );
          queued += reached.now.length;
        });
      }
    }
  }

  const daily: Record<string, () => Promise<unknown>> = {
    'action-reminders': queueActionReminders,
    'forget-finished-jobs': () =>
      deleteFinishedJobs(db, new Date(clock.now().getTime() - finishedJobsKeptDays * 24 * 60 * 60_000).toISOString()),
  };

  async function groupAudience(partnershipId: string, groupId: string, kind: GroupNotice): Promise<Audience<Addressee>> {
    const [members, people] = await Promise.all([currentMemberships(partnershipId, { groupId }), peopleOf(partnershipId)]);
    return audience(
      people.filter((person) => members.some((m) => m.personId === person.id)),
      kind,
      groupId,
    );
  }

  const names = (people: readonly { name: string }[]) => people.map(({ name }) => ({ name }));
  const recipientsOfAudience = (reached: Audience<Addressee>): Recipients => ({
    addressed: [...reached.now, ...reached.held].map(({ name, email }) => ({ name, email })),
    withoutAddress: names(reached.withoutAddress),
    turnedOff: names(reached.turnedOff),
  });

  async function groupRecipients(partnershipId: string, groupId: string, kind: GroupNotice): Promise<Recipients> {
    return { ...recipientsOfAudience(await groupAudience(partnershipId, groupId, kind)), nobody: 'the group has no members today' };
  }

  async function notifyGroupMembers(partnershipId: string, groupId: string, kind: GroupNotice, subject: string, text: string) {
    const reached = await groupAudience(partnershipId, groupId, kind);
    await db.transaction().execute((trx) => deliver(trx, reached, { partnershipId, kind, groupId }, () => ({ subject, text })));
    return recipientsOfAudience(reached);
  }

  /** One e-mail to each person with notices held, holding them all; each notice is forgotten as its digest is queued. */
  async function sendDigests(): Promise<number> {
    const held = await selectHeldNotices(db);
    const byPerson = Map.groupBy(held, (notice) => notice.personId);
    for (const [personId, notices] of byPerson) {
      const last = notices[notices.length - 1];
      if (!last) continue;
      await db.transaction().execute(async (trx) => {
        await deleteHeldNotices(
          trx,
          notices.map(({ id }) => id),
        );
        const person = { id: personId, name: '', email: last.email };
        const scope = { partnershipId: last.partnershipId, kind: 'all' as const, groupId: null };
        await enqueueEmails(trx, [unsubscribeEmail(person, scope, digestEmail(notices))]);
      });
    }
    return byPerson.size;
  }

  /** This Monday's digest, or next Monday's: once each week however many servers start. */
  async function scheduleDigest(from: string): Promise<void> {
    const monday = mondayFrom(from);
    await enqueue(db, 'notice-digest', {}, { uniqueKey: `notice-digest ${monday}`, runAfter: digestRunAt(monday) });
  }

  /** The meeting as it stands when the job runs, with its links. */
  async function publishedMeeting(partnershipId: string, meetingId: string) {
    return {
      ...(await meetingOf(partnershipId, meetingId)),
      link: `${deps.publicUrl}/partnerships/${partnershipId}/meetings/${meetingId}`,
      publicLink: `${deps.publicUrl}/public/partnerships/${partnershipId}/meetings/${meetingId}`,
    };
  }

  /** The notice is written when the job runs, so it gives the meeting as it then stands. */
  async function noticeOfPublication({ partnershipId, meetingId, groupId }: z.output<typeof agendaPublishedJob>) {
    const { subject, text } = agendaPublishedNotice(await publishedMeeting(partnershipId, meetingId));
    await notifyGroupMembers(partnershipId, groupId, 'publication', subject, text);
  }

  /** The reason comes with the job: the agenda may be published again before the notice goes. */
  async function noticeOfWithdrawal({ partnershipId, meetingId, groupId, reason }: z.output<typeof agendaWithdrawnJob>) {
    const { subject, text } = agendaWithdrawnNotice({ ...(await publishedMeeting(partnershipId, meetingId)), reason });
    await notifyGroupMembers(partnershipId, groupId, 'publication', subject, text);
  }

  const givingUp: Record<string, (trx: Kysely<Database>, payload: unknown, error: string) => Promise<void>> = {};
  const handlers: Record<string, (payload: unknown) => Promise<void>> = {
    email: (payload) => mailer.send(emailJob.parse(payload)),
    'agenda-published': (payload) => noticeOfPublication(agendaPublishedJob.parse(payload)),
    'agenda-withdrawn': (payload) => noticeOfWithdrawal(agendaWithdrawnJob.parse(payload)),
    // Like the daily runs, next week's is queued first.
    'notice-digest': async () => {
      await scheduleDigest(addDays(todayInEngland(clock), 1));
      await sendDigests();
    },
    // Each daily run queues tomorrow's first, so a run that fails for good does not end the chain.
    ...Object.fromEntries(
      Object.entries(daily).map(([kind, work]) => [
        kind,
        async () => {
          await scheduleDaily(kind, addDays(todayInEngland(clock), 1));
          await work();
        },
      ]),
    ),
  };

  async function runJob(job: JobRow): Promise<void> {
    const handler = handlers[job.kind];
    if (!handler) throw new Error(`No handler for jobs of kind "${job.kind}"`);
    await handler(JSON.parse(job.payload));
  }

  return {
    async enqueueEmail(to, subject, text) {
      await enqueue(db, 'email', { to, subject, text });
    },

    async enqueueEmails(emails) {
      await db.transaction().execute((trx) => enqueueEmails(trx, emails));
    },

    async queueAgendaPublished(trx, { partnershipId, meetingId, groupId }) {
      await enqueue(trx, 'agenda-published', { partnershipId, meetingId, groupId });
    },

    async queueAgendaWithdrawn(trx, { partnershipId, meetingId, groupId, reason }) {
      await enqueue(trx, 'agenda-withdrawn', { partnershipId, meetingId, groupId, reason });
    },

    groupRecipients,
    notifyGroupMembers,
    sendDigests,

    queueActionReminders,

    async scheduleDailyJobs() {
      for (const kind of Object.keys(daily)) await scheduleDaily(kind, todayInEngland(clock));
      await scheduleDigest(todayInEngland(clock));
    },

    handleJobs(kind, handler, onGiveUp) {
      if (handlers[kind]) throw new Error(`Jobs of kind "${kind}" already have a handler`);
      handlers[kind] = handler;
      if (onGiveUp) givingUp[kind] = onGiveUp;
    },

    enqueueJob: (trx, kind, payload, options) => enqueue(trx, kind, payload, options),

    async runDueJobs() {
      const run: JobsRun = { done: 0, retried: 0, failed: 0 };
      for (;;) {
        const now = clock.now();
        const jobs = await claimDueJobs(db, engine, {
          workerId,
          now: now.toISOString(),
          leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
          limit: batchSize,
        });
        if (jobs.length === 0) return run;
        for (const job of jobs) {
          try {
            await runJob(job);
            await markJobDone(db, job.id, isoNow(clock));
            run.done += 1;
          } catch (error) {
            const failedAt = clock.now();
            const retry = retryAt(failedAt, job.attempts);
            const failure = {
              error: error instanceof Error ? error.message : String(error),
              at: failedAt.toISOString(),
              retryAt: retry?.toISOString() ?? null,
            };
            const giveUp = retry ? undefined : givingUp[job.kind];
            if (giveUp) {
              await db.transaction().execute(async (trx) => {
                await markJobFailed(trx, job.id, failure);
                await giveUp(trx, JSON.parse(job.payload), failure.error);
              });
            } else {
              await markJobFailed(db, job.id, failure);
            }
            if (retry) run.retried += 1;
            else run.failed += 1;
          }
        }
      }
    },
  };
}

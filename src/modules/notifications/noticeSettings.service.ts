/**
 * What a person chooses to be e-mailed, read and changed: on their own page (for every people record their account
 * is), by an e-mail's unsubscribe link (no sign-in: the signed token says whose and what), and read by officers on
 * the person's page. Every change is audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import type { Actor } from '../../platform/principal.ts';
import { defaultPreferences, type GroupNoticeKind, groupNoticeKinds, noticeKindNames, receives } from './noticeAudience.ts';
import { deleteOptOut, insertOptOut, selectPreferences, upsertPersonChoices } from './preferences.repository.ts';
import type { UnsubscribeScope, UnsubscribeTokens } from './unsubscribeToken.ts';

/** A people record of the account (one per partnership). */
export interface NoticePerson {
  partnershipId: string;
  personId: string;
  name: string;
}

export interface GroupNotices {
  groupId: string;
  groupName: string;
  publication: boolean;
  minutes: boolean;
}

export interface PersonNotices extends NoticePerson {
  partnershipName: string;
  groups: GroupNotices[];
  reminders: boolean;
  digest: boolean;
}

/** What the form sends: each choice by its checkbox value, and how they are sent. */
export interface NoticeChoices {
  /** `${personId} reminders`, `${personId} publication ${groupId}` … for each ticked box. */
  ticked: ReadonlySet<string>;
  digest: boolean;
}

export const choiceValue = (personId: string, kind: GroupNoticeKind | 'reminders', groupId?: string) =>
  groupId ? `${personId} ${kind} ${groupId}` : `${personId} ${kind}`;

export interface UnsubscribeView {
  name: string;
  /** What the link stops, as a sentence's object: "e-mails when …". */
  stops: string;
  /** Already stopped (by this link, or on the preferences page). */
  stopped: boolean;
}

export interface NoticeSettingsService {
  /** The choices of each people record, with the groups each sits on now. */
  settingsOf(people: readonly NoticePerson[]): Promise<PersonNotices[]>;
  save(actor: Actor, people: readonly NoticePerson[], choices: NoticeChoices): Promise<void>;
  /** What an unsubscribe link stops, or null for a token not made here. */
  unsubscribeView(token: string): Promise<UnsubscribeView | null>;
  /** Stops what the link names (again harmlessly); null for a token not made here. */
  unsubscribe(token: string): Promise<UnsubscribeView | null>;
}

export interface NoticeSettingsDependencies {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditWriter;
  unsubscribeTokens: UnsubscribeTokens;
  /** The groups the person sits on today. */
  groupsOf: (partnershipId: string, personId: string) => Promise<{ groupId: string; groupName: string }[]>;
  /** The person's name and the account they are (if any), or null when the partnership holds no such person. */
  person: (partnershipId: string, personId: string) => Promise<{ name: string; userId: string | null } | null>;
  partnershipName: (partnershipId: string) => Promise<string>;
}

const describe = (settings: Omit<PersonNotices, keyof NoticePerson | 'partnershipName'>) => ({
  reminders: settings.reminders,
  digest: settings.digest,
  turnedOff: settings.groups.flatMap((g) =>
    groupNoticeKinds.filter((kind) => !g[kind]).map((kind) => `${noticeKindNames[kind]}: ${g.groupName}`),
  ),
});

export function createNoticeSettingsService(deps: NoticeSettingsDependencies): NoticeSettingsService {
  const { db, clock, audit } = deps;

  async function settingsOf(people: readonly NoticePerson[]): Promise<PersonNotices[]> {
    const preferences = await selectPreferences(
      db,
      people.map((p) => p.personId),
    );
    return Promise.all(
      people.map(async (person) => {
        const chosen = preferences.get(person.personId) ?? defaultPreferences;
        const groups = await deps.groupsOf(person.partnershipId, person.personId);
        return {
          ...person,
          partnershipName: await deps.partnershipName(person.partnershipId),
          groups: groups.map(({ groupId, groupName }) => ({
            groupId,
            groupName,
            publication: receives(chosen, 'publication', groupId),
            minutes: receives(chosen, 'minutes', groupId),
          })),
          reminders: chosen.reminders,
          digest: chosen.digest,
        };
      }),
    );
  }

  /** Writes one person's settings and its audit entry, in the caller's transaction. */
  async function write(trx: Kysely<Database>, actor: Actor, before: PersonNotices, after: PersonNotices, summary: string): Promise<void> {
    const now = isoNow(clock);
    await upsertPersonChoices(trx, { personId: after.personId, reminders: after.reminders, digest: after.digest, updatedAt: now });
    for (const group of after.groups) {
      for (const kind of groupNoticeKinds) {
        const row = { personId: after.personId, groupId: group.groupId, kind };
        if (group[kind]) await deleteOptOut(trx, row);
        else await insertOptOut(trx, { ...row, createdAt: now });
      }
    }
    await audit.record(trx, actor, {
      action: 'update',
      entityType: 'notice-preferences',
      entityId: after.personId,
      partnershipId: after.partnershipId,
      summary,
      before: describe(before),
      after: describe(after),
    });
  }

  async function save(actor: Actor, people: readonly NoticePerson[], choices: NoticeChoices): Promise<void> {
    const current = await settingsOf(people);
    const ticked = (personId: string, kind: GroupNoticeKind | 'reminders', groupId?: string) =>
      choices.ticked.has(choiceValue(personId, kind, groupId));
    await db.transaction().execute(async (trx) => {
      for (const before of current) {
        const after: PersonNotices = {
          ...before,
          reminders: ticked(before.personId, 'reminders'),
          digest: choices.digest,
          groups: before.groups.map((g) => ({
            ...g,
            publication: ticked(before.personId, 'publication', g.groupId),
            minutes: ticked(before.personId, 'minutes', g.groupId),
          })),
        };
        await write(trx, actor, before, after, `Changed the e-mails ${before.name} gets`);
      }
    });
  }

  /** The link's person and what it stops, as things stand. */
  async function resolve(
    token: string,
  ): Promise<{ scope: UnsubscribeScope; settings: PersonNotices; view: UnsubscribeView; userId: string | null } | null> {
    const scope = deps.unsubscribeTokens.verify(token);
    const person = scope && (await deps.person(scope.partnershipId, scope.personId));
    if (!scope || !person) return null;
    const [settings] = await settingsOf([{ partnershipId: scope.partnershipId, personId: scope.personId, name: person.name }]);
    if (!settings) return null;
    const group = settings.groups.find((g) => g.groupId === scope.groupId);
    const groupName = group?.groupName ?? 'a group you no longer sit on';
    const stopsOf: Record<UnsubscribeScope['kind'], () => { stops: string; stopped: boolean }> = {
      publication: () => ({
        stops: `e-mails when an agenda and papers of the ${groupName} are published or withdrawn`,
        stopped: !group || !group.publication,
      }),
      minutes: () => ({ stops: `e-mails when the minutes of the ${groupName} are circulated`, stopped: !group || !group.minutes }),
      reminders: () => ({ stops: 'reminders of actions you own', stopped: !settings.reminders }),
      all: () => ({
        stops: 'every e-mail Safer sends you about your groups and your actions',
        stopped: !settings.reminders && settings.groups.every((g) => !g.publication && !g.minutes),
      }),
    };
    return { scope, settings, userId: person.userId, view: { name: settings.name, ...stopsOf[scope.kind]() } };
  }

  return {
    settingsOf,
    save,
    async unsubscribeView(token) {
      return (await resolve(token))?.view ?? null;
    },
    async unsubscribe(token) {
      const resolved = await resolve(token);
      if (!resolved) return null;
      const { scope, settings, view, userId } = resolved;
      if (view.stopped) return view;
      const stopsGroup = (groupId: string, kind: GroupNoticeKind) =>
        scope.kind === 'all' || (scope.kind === kind && scope.groupId === groupId);
      const after: PersonNotices = {
        ...settings,
        reminders: settings.reminders && scope.kind !== 'reminders' && scope.kind !== 'all',
        groups: settings.groups.map((g) => ({
          ...g,
          publication: g.publication && !stopsGroup(g.groupId, 'publication'),
          minutes: g.minutes && !stopsGroup(g.groupId, 'minutes'),
        })),
      };
      // No one is signed in: the actor is the person (their account, when they have one), by the link in their e-mail.
      const summary = `${settings.name} stopped ${view.stops}, by the unsubscribe link in an e-mail`;
      await db.transaction().execute((trx) => write(trx, { userId }, settings, after, summary));
      return { ...view, stopped: true };
    },
  };
}

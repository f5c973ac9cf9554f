/** The reminders' SQL: the actions falling due that have not been reminded of their due date, a batch at a time. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { stillToDoDueBy } from '../actions/index.ts';

export type ActionToRemind = Awaited<ReturnType<ReturnType<typeof actionsToRemind>['execute']>>[number];

/** Where the last batch ended: the next begins after this due date and id. */
export interface ReminderKeyset {
  dueDate: string;
  id: string;
}

export interface RemindersAsked {
  partnershipIds: readonly string[];
  until: string;
  after: ReminderKeyset | null;
  limit: number;
}

/**
 * Still to do, due by `until`, with no reminder for its due date: a batch of `limit` after the last one (those left
 * unreminded, having no one to remind, are passed over by the keyset, not found again).
 */
export function actionsToRemind(db: Kysely<Database>, { partnershipIds, until, after, limit }: RemindersAsked) {
  const query = stillToDoDueBy(db, partnershipIds, until)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('actionReminders')
            .select('actionReminders.actionId')
            .whereRef('actionReminders.actionId', '=', 'actions.id')
            .whereRef('actionReminders.dueDate', '=', 'actions.dueDate'),
        ),
      ),
    )
    .orderBy('actions.dueDate')
    .orderBy('actions.id')
    .limit(limit);
  return after
    ? query.where((eb) =>
        eb.or([
          eb('actions.dueDate', '>', after.dueDate),
          eb.and([eb('actions.dueDate', '=', after.dueDate), eb('actions.id', '>', after.id)]),
        ]),
      )
    : query;
}

export async function selectActionsToRemind(db: Kysely<Database>, asked: RemindersAsked): Promise<ActionToRemind[]> {
  return actionsToRemind(db, asked).execute();
}

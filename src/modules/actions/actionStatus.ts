/** An action's status in the words of the action log, and what is derived from it. */
import type { ActionStatus } from '../../db/schema.ts';
import type { Rule } from '../../platform/policy.ts';

export type { ActionStatus };

export const actionStatusNames: Record<ActionStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
  carried_forward: 'Carried forward',
};
export const actionStatuses = ['open', 'in_progress', 'done', 'cancelled', 'carried_forward'] as const satisfies readonly ActionStatus[];

/** Actions still to be "completed or accounted for": what the next meeting's matters arising list. */
export const stillToDoStatuses: readonly ActionStatus[] = ['open', 'in_progress', 'carried_forward'];
/** A carried-forward action has a new home at a later meeting, so only these can be overdue. */
export const overdueStatuses: readonly ActionStatus[] = ['open', 'in_progress'];

/** Whether a person answers for an action: it is theirs, or their organisation's (by the records, never by name). */
export function answersFor(
  action: { ownerPersonId: string | null; ownerOrganisationId: string | null },
  person: { id: string; organisationId: string | null },
): boolean {
  return (
    action.ownerPersonId === person.id || (action.ownerOrganisationId !== null && action.ownerOrganisationId === person.organisationId)
  );
}

/** Officers update any action; anyone else the actions they answer for (as the person their account is). */
export const mayUpdate: Rule<{ ownerPersonId: string | null; ownerOrganisationId: string | null }> = (subject, action) =>
  subject.officer || subject.selves.some((self) => answersFor(action, self));

/** An action still to do whose due date has passed. */
export function isOverdue(action: { status: string; dueDate: string | null }, today: string): boolean {
  return (overdueStatuses as readonly string[]).includes(action.status) && action.dueDate !== null && action.dueDate < today;
}

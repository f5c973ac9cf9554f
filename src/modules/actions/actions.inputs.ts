/** What an action and its updates take, whoever sends them (a form now, the JSON API later): no layout here. */
import { z } from 'zod';
import { choice, optionalDate, requiredText } from '../../platform/inputs.ts';
import { actionStatuses } from './actionStatus.ts';
import { type ActionOwner, checkOwner, type OwnerChoice, ownerInput, readOwner } from './owners.ts';

export interface ActionInput {
  description: string;
  owner: OwnerChoice;
  dueDate: string | null;
}
/** An action with its owner found in the partnership's records, as it is stored. */
export interface OwnedActionInput extends ActionOwner {
  description: string;
  dueDate: string | null;
}

/** An action as it is agreed, in the minutes of a meeting or in the community safety plan: its owner as chosen. */
export const actionSchema: z.ZodType<ActionInput> = z
  .object({
    description: requiredText('Enter the action', 2000, 'The action'),
    ...ownerInput,
    dueDate: optionalDate('due date'),
  })
  .superRefine(checkOwner)
  .transform(readOwner);

export const actionUpdateSchema = z.object({
  status: choice(actionStatuses, 'Select the status'),
  note: requiredText('Enter the update', 2000, 'The update'),
});
export type ActionUpdateInput = z.output<typeof actionUpdateSchema>;

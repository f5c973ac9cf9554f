/** What an action and its updates take, whoever sends them (a form now, the JSON API later): no layout here. */
import { z } from 'zod';
import { choice, optionalDate, requiredText } from '../../platform/inputs.ts';
import { actionStatuses } from './actionStatus.ts';

/** An action as it is agreed, in the minutes of a meeting or in the community safety plan. */
export const actionSchema = z.object({
  description: requiredText('Enter the action', 2000, 'The action'),
  owner: requiredText('Enter who is to do it', 200, 'Who'),
  dueDate: optionalDate('due date'),
});
export type ActionInput = z.output<typeof actionSchema>;

export const actionUpdateSchema = z.object({
  status: choice(actionStatuses, 'Select the status'),
  note: requiredText('Enter the update', 2000, 'The update'),
});
export type ActionUpdateInput = z.output<typeof actionUpdateSchema>;

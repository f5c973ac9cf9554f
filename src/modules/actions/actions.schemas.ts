import { z } from 'zod';
import { choice, type Field, optionalDate, optionsOf, requiredText } from '../../web/forms.ts';
import { actionStatusNames } from './actionStatus.ts';

/** An action as it is agreed, in the minutes of a meeting or in the community safety plan. */
export const actionFields: Field[] = [
  { name: 'description', label: 'Action', kind: 'textarea', rows: 3, hint: 'What is to be done' },
  { name: 'owner', label: 'Who', kind: 'text', hint: 'A person, an organisation, or for example "All agencies"' },
  { name: 'dueDate', label: 'Due date (optional)', kind: 'date' },
];
export const actionSchema = z.object({
  description: requiredText('Enter the action', 2000, 'The action'),
  owner: requiredText('Enter who is to do it', 200, 'Who'),
  dueDate: optionalDate('due date'),
});
export type ActionInput = z.output<typeof actionSchema>;

export const actionUpdateFields: Field[] = [
  { name: 'status', label: 'Status', kind: 'radios', options: optionsOf(actionStatusNames) },
  { name: 'note', label: 'Update', kind: 'textarea', rows: 3, hint: 'What has been done, or why the status changed' },
];
export const actionUpdateSchema = z.object({
  status: choice(['open', 'in_progress', 'done', 'cancelled', 'carried_forward'], 'Select the status'),
  note: requiredText('Enter the update', 2000, 'The update'),
});
export type ActionUpdateInput = z.output<typeof actionUpdateSchema>;

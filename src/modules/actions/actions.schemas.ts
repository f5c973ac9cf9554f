import { z } from 'zod';
import { choice, type Field, optionsOf, requiredText } from '../../web/forms.ts';
import { actionStatusNames } from './actionStatus.ts';

export const actionUpdateFields: Field[] = [
  { name: 'status', label: 'Status', kind: 'radios', options: optionsOf(actionStatusNames) },
  { name: 'note', label: 'Update', kind: 'textarea', rows: 3, hint: 'What has been done, or why the status changed' },
];
export const actionUpdateSchema = z.object({
  status: choice(['open', 'in_progress', 'done', 'cancelled', 'carried_forward'], 'Select the status'),
  note: requiredText('Enter the update', 2000, 'The update'),
});
export type ActionUpdateInput = z.output<typeof actionUpdateSchema>;

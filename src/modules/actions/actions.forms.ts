/** How the action forms look: the fields a page draws (the checks are in actions.inputs.ts). */
import { type Field, optionsOf } from '../../web/forms.ts';
import { actionStatusNames } from './actionStatus.ts';

export const actionFields: Field[] = [
  { name: 'description', label: 'Action', kind: 'textarea', rows: 3, hint: 'What is to be done' },
  { name: 'owner', label: 'Who', kind: 'text', hint: 'A person, an organisation, or for example "All agencies"' },
  { name: 'dueDate', label: 'Due date (optional)', kind: 'date' },
];

export const actionUpdateFields: Field[] = [
  { name: 'status', label: 'Status', kind: 'radios', options: optionsOf(actionStatusNames) },
  { name: 'note', label: 'Update', kind: 'textarea', rows: 3, hint: 'What has been done, or why the status changed' },
];

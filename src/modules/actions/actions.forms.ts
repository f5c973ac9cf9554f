/** How the action forms look: the fields a page draws (the checks are in actions.inputs.ts). */
import { type Field, type Option, optionsOf } from '../../web/forms.ts';
import { actionStatusNames } from './actionStatus.ts';
import { type OwnerKind, ownerKindNames, type OwnerRecords } from './owners.ts';

export const actionFields: Field[] = [
  { name: 'description', label: 'Action', kind: 'textarea', rows: 3, hint: 'What is to be done' },
  ...ownerFields(),
  { name: 'dueDate', label: 'Due date (optional)', kind: 'date' },
];

export const actionUpdateFields: Field[] = [
  { name: 'status', label: 'Status', kind: 'radios', options: optionsOf(actionStatusNames) },
  { name: 'note', label: 'Update', kind: 'textarea', rows: 3, hint: 'What has been done, or why the status changed' },
];

/** The owner's fields: radios, each revealing its own way of naming the owner. `kinds` leaves out "Someone else" where it makes no sense. */
export function ownerFields(kinds: readonly OwnerKind[] = ['person', 'organisation', 'other']): Field[] {
  const when = (kind: OwnerKind) => ({ field: 'ownerKind', values: [kind] });
  return [
    {
      name: 'ownerKind',
      label: 'Who is to do it',
      kind: 'radios',
      options: kinds.map((kind) => ({ value: kind, text: ownerKindNames[kind] })),
    },
    { name: 'ownerPersonId', label: 'Person', kind: 'select', emptyText: 'Choose a person', showWhen: when('person') },
    {
      name: 'ownerOrganisationId',
      label: 'Organisation',
      kind: 'select',
      emptyText: 'Choose an organisation',
      showWhen: when('organisation'),
    },
    { name: 'owner', label: 'Who', kind: 'text', hint: 'For example, All agencies', showWhen: when('other') },
  ];
}

/** The selects' options: people by name under their organisation (those of none last), and organisations. */
export function ownerOptions(records: OwnerRecords): Record<string, Option[]> {
  const people = [...records.people].sort(
    (a, b) =>
      Number(a.organisationName === null) - Number(b.organisationName === null) ||
      (a.organisationName ?? '').localeCompare(b.organisationName ?? '') ||
      a.name.localeCompare(b.name),
  );
  return {
    ownerPersonId: people.map((person) => ({ value: person.id, text: person.name, group: person.organisationName ?? 'No organisation' })),
    ownerOrganisationId: records.organisations.map((organisation) => ({ value: organisation.id, text: organisation.name })),
  };
}

/** How the crime data forms look: the fields a page draws (the checks are in crimedata.inputs.ts). */
import type { Field } from '../../web/forms.ts';

export const areaFields: Field[] = [
  {
    name: 'cspCode',
    label: 'Community Safety Partnership area',
    kind: 'select',
    hint: 'The areas are those of the ONS lookup of Community Safety Partnerships, with their police force area in brackets',
    emptyText: 'Choose an area',
  },
];

/** The overseer's decision on a file that would replace a month held, or add one to another partnership's figures. */
export const heldDecisionFields: Field[] = [
  {
    name: 'decision',
    label: 'Your decision',
    kind: 'radios',
    options: [
      {
        value: 'confirm',
        text: 'Confirm: the file’s figures count',
        hint: 'Every partnership of the force gets the figures above',
      },
      { value: 'reject', text: 'Reject: nothing changes' },
    ],
  },
  {
    name: 'reason',
    label: 'Why the file is rejected',
    kind: 'textarea',
    rows: 3,
    hint: 'The partnership that uploaded it sees this',
    showWhen: { field: 'decision', values: ['reject'] },
  },
];

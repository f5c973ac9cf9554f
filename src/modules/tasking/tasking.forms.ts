/** How the tasking forms look: the fields a page draws (the checks are in tasking.inputs.ts). */
import { type Field, optionsOf } from '../../web/forms.ts';
import { type LocationKind, resourceNames } from './tasking.types.ts';

/**
 * A priority location's form. Its places are drawn by the page itself: LSOAs as checkboxes, streets as lines
 * of a textarea, each revealed under its kind; a problem with the places goes next to the one shown.
 */
export const locationFields: Field[] = [
  { name: 'name', label: 'Name', kind: 'text', hint: 'As the strategic assessment names it, for example Foleshill Road corridor' },
  {
    name: 'reason',
    label: 'Why it is a priority (optional)',
    kind: 'textarea',
    rows: 3,
    hint: 'As the strategic assessment gives it, for example: the night-time economy, with violence and theft from the person',
  },
  { name: 'kind', label: 'The location is', kind: 'radios' },
  { name: 'lsoas', label: 'Neighbourhoods (LSOAs)', kind: 'text' },
  { name: 'streets', label: 'Streets', kind: 'textarea' },
];

/** Said next to the places when none were given for the kind chosen. */
export const placesMessage: Record<LocationKind, string> = {
  lsoa: 'Select at least one LSOA',
  street: 'Enter at least one street, one on each line',
};

/** The field a problem with the places is shown next to: the checkboxes or the textarea, as the kind chosen. */
export const placesField = (kind: string): 'lsoas' | 'streets' => (kind === 'street' ? 'streets' : 'lsoas');

export const actionFields: Field[] = [
  { name: 'groupId', label: 'Tasking group', kind: 'select' },
  { name: 'month', label: 'Tasking document of', kind: 'select' },
  {
    name: 'target',
    label: 'Place',
    kind: 'select',
    hint: 'A priority location, or an emerging hotspot of the month’s tasking document',
  },
  { name: 'organisationId', label: 'Agency', kind: 'select', hint: 'The agency that commits the resource and reports the result' },
  { name: 'resource', label: 'Resource', kind: 'radios', options: optionsOf(resourceNames) },
  {
    name: 'description',
    label: 'What will be done',
    kind: 'textarea',
    rows: 4,
    hint: 'For example, high-visibility foot patrols on Friday and Saturday evenings',
  },
  { name: 'startsOn', label: 'First day', kind: 'date', hint: 'For example, 5 9 2022' },
  { name: 'endsOn', label: 'Last day', kind: 'date', hint: 'The same as the first day for a deployment of one day' },
];

export const resultFields: Field[] = [
  {
    name: 'result',
    label: 'The result',
    kind: 'textarea',
    rows: 5,
    hint: 'What was done and what came of it, for example arrests, fewer calls, or places cleaned up',
  },
];

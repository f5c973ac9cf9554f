/** Each tasking form's fields (how it looks) and schema (the check and the type). */
import { z } from 'zod';
import { type Field, optionsOf } from '../../web/forms.ts';
import { choice, isRealDate, optionalText, requiredDate, requiredText } from '../../platform/inputs.ts';
import { monthPattern } from '../crimedata/index.ts';
import { type LocationKind, resourceNames, resources } from './tasking.types.ts';

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

export const locationSchema = z.object({
  name: requiredText('Enter the name of the priority location', 200, 'The name'),
  reason: optionalText(2000, 'The reason'),
  kind: choice(['lsoa', 'street'], 'Select whether the location is a set of LSOAs or a set of streets'),
});
/** Said next to the places when none were given for the kind chosen. */
export const placesMessage: Record<LocationKind, string> = {
  lsoa: 'Select at least one LSOA',
  street: 'Enter at least one street, one on each line',
};

/** The field a problem with the places is shown next to: the checkboxes or the textarea, as the kind chosen. */
export const placesField = (kind: string): 'lsoas' | 'streets' => (kind === 'street' ? 'streets' : 'lsoas');

/** One police.uk location a line, blank lines and repeats left out. */
export function streetLines(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

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
export const actionSchema = z
  .object({
    groupId: requiredText('Select the tasking group'),
    month: z.string({ error: 'Select the month of the tasking document' }).regex(monthPattern, 'Select the month of the tasking document'),
    target: requiredText('Select the place'),
    organisationId: requiredText('Select the agency'),
    resource: choice(resources, 'Select the resource'),
    description: requiredText('Enter what will be done', 2000, 'What will be done'),
    startsOn: requiredDate('first day'),
    endsOn: requiredDate('last day'),
  })
  .refine((value) => !isRealDate(value.startsOn) || !isRealDate(value.endsOn) || value.endsOn >= value.startsOn, {
    path: ['endsOn'],
    message: 'The last day must be the same as or after the first day',
  });

export const resultFields: Field[] = [
  {
    name: 'result',
    label: 'The result',
    kind: 'textarea',
    rows: 5,
    hint: 'What was done and what came of it, for example arrests, fewer calls, or places cleaned up',
  },
];
export const resultSchema = z.object({ result: requiredText('Enter the result', 4000, 'The result') });

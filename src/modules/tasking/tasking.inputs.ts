/** What the tasking forms take, whoever sends them (a form now, the JSON API later): no layout here. */
import { z } from 'zod';
import type { TaskingResource } from '../../db/schema.ts';
import { choice, isRealDate, optionalText, requiredDate, requiredText } from '../../platform/inputs.ts';
import { monthPattern } from '../crimedata/index.ts';

export type Resource = TaskingResource;
export const resources = [
  'patrols',
  'clean_up',
  'target_hardening',
  'cctv',
  'engagement',
  'enforcement',
  'other',
] as const satisfies readonly Resource[];

/** A priority location's name, reason and kind; its places are read apart (checkboxes or lines), as the kind says. */
export const locationSchema = z.object({
  name: requiredText('Enter the name of the priority location', 200, 'The name'),
  reason: optionalText(2000, 'The reason'),
  kind: choice(['lsoa', 'street'], 'Select whether the location is a set of LSOAs or a set of streets'),
});
export type PriorityLocationInput = z.output<typeof locationSchema> & {
  /** LSOA codes, or police.uk location names ("On or near Market Street"). */
  places: string[];
};

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

/**
 * An agency's resource for a place: `target` is `location:<id>` for a priority location, `lsoa:<code>` for an
 * emerging hotspot; `month` is that of the tasking document the resource answers.
 */
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
export type TaskingActionInput = z.output<typeof actionSchema>;

export const resultSchema = z.object({ result: requiredText('Enter the result', 4000, 'The result') });

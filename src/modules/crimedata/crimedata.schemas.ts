/** The crime data forms' fields and schemas, and the hotspots page's query: the check and the type. */
import { z } from 'zod';
import { type Field } from '../../web/forms.ts';
import { choice, optionalText, requiredText } from '../../platform/inputs.ts';
import { monthPattern } from './analysis/months.ts';

export const areaFields: Field[] = [
  {
    name: 'cspCode',
    label: 'Community Safety Partnership area',
    kind: 'select',
    hint: 'The areas are those of the ONS lookup of Community Safety Partnerships, with their police force area in brackets',
    emptyText: 'Choose an area',
  },
];
export const areaSchema = z.object({ cspCode: requiredText('Select the Community Safety Partnership area', 20) });

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
export const heldDecisionSchema = z
  .object({
    decision: choice(['confirm', 'reject'], 'Select whether to confirm or reject the file'),
    reason: optionalText(2000, 'The reason'),
  })
  .refine((d) => d.decision !== 'reject' || d.reason !== null, { path: ['reason'], message: 'Enter why the file is rejected' });

/** The police.uk month, as the files and the addresses write it. */

/** The hotspots page's query: a value left empty means the default, and one the form would never send is refused. */
export const hotspotsQuerySchema = z.preprocess(
  (query) => Object.fromEntries(Object.entries(query as Record<string, string>).filter(([, value]) => value !== '')),
  z.object({
    month: z.string().regex(monthPattern).optional(),
    by: z.enum(['lsoa', 'street']).default('lsoa'),
    type: z.string().max(100).optional(),
    sort: z.enum(['count', 'rate']).default('count'),
  }),
);
export type HotspotsQuery = z.output<typeof hotspotsQuerySchema>;

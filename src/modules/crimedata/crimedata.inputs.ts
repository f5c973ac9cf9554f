/** What the crime data forms and the hotspots page's query take, whoever sends them: no layout here. */
import { z } from 'zod';
import { choice, optionalText, requiredText } from '../../platform/inputs.ts';
import { monthPattern } from './analysis/months.ts';

export const areaSchema = z.object({ cspCode: requiredText('Select the Community Safety Partnership area', 20) });

export const heldDecisionSchema = z
  .object({
    decision: choice(['confirm', 'reject'], 'Select whether to confirm or reject the file'),
    reason: optionalText(2000, 'The reason'),
  })
  .refine((d) => d.decision !== 'reject' || d.reason !== null, { path: ['reason'], message: 'Enter why the file is rejected' });
export type HeldDecision = z.output<typeof heldDecisionSchema>;

/** The hotspots page's query: a value left empty means the default, and one the form would never send is refused. */
export const hotspotsQuerySchema = z.object({
  month: z.string().regex(monthPattern).optional(),
  by: z.enum(['lsoa', 'street']).default('lsoa'),
  type: z.string().max(100).optional(),
  sort: z.enum(['count', 'rate']).default('count'),
});
export type HotspotsQuery = z.output<typeof hotspotsQuerySchema>;

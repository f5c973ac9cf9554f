/** What assessments, priorities, objectives and documents take, whoever sends them (a form now, the JSON API later): no layout here. */
import { z } from 'zod';
import { choice, optionalText, requiredText, wholeNumber } from '../../platform/inputs.ts';

export const assessmentSchema = z.object({
  yearStarting: wholeNumber('Financial year starting', 1990, 2100),
  title: requiredText('Enter the title', 200, 'The title'),
  summary: requiredText('Enter a summary', 5000, 'The summary'),
  findings: requiredText('Enter the findings', 20_000, 'The findings'),
  surveyResults: optionalText(20_000, 'The survey results'),
});
export type AssessmentInput = z.output<typeof assessmentSchema>;

export const prioritySchema = z
  .object({
    assessmentId: requiredText('Select the strategic assessment'),
    title: requiredText('Enter the priority', 200, 'The priority'),
    description: optionalText(5000, 'The description'),
    ownership: choice(['group', 'cross_cutting'], 'Select who owns this priority'),
    ownerGroupId: optionalText(),
  })
  .refine((priority) => priority.ownership === 'cross_cutting' || priority.ownerGroupId, {
    path: ['ownerGroupId'],
    message: 'Select the group that owns this priority',
  })
  .transform(({ ownership, ownerGroupId, ...priority }) => ({ ...priority, ownerGroupId: ownership === 'group' ? ownerGroupId : null }));
export type PriorityInput = z.output<typeof prioritySchema>;

export const objectiveSchema = z.object({
  priorityId: requiredText('Select the priority'),
  title: requiredText('Enter the objective', 300, 'The objective'),
  description: optionalText(5000, 'The description'),
});
export type ObjectiveInput = z.output<typeof objectiveSchema>;

export const documentSchema = z.object({ title: optionalText(200, 'The title') });

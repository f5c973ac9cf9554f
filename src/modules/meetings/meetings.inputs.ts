/** What each meetings form (and, later, the JSON API) sends: the zod schema that checks it, and the input type it gives. */
import { z } from 'zod';
import { outcomes } from './outcomes.ts';
import { choice, optionalText, optionalWholeNumber, requiredDate, requiredText, requiredTime } from '../../platform/inputs.ts';

const time = requiredTime('start time');

export const cycleSchema = z.object({
  groupId: requiredText('Select the group'),
  from: requiredDate('first day of the year to plan'),
  ordinal: choice(['1', '2', '3', '4', '-1'], 'Select which week of the month').transform((value) => Number(value) as 1 | 2 | 3 | 4 | -1),
  weekday: choice(['1', '2', '3', '4', '5'], 'Select the day of the week').transform(Number),
  startTime: time,
  location: requiredText('Enter the place', 200, 'Place'),
});

export type CycleInput = z.output<typeof cycleSchema>;

export const meetingSchema = z.object({
  groupId: requiredText('Select the group'),
  kind: choice(['ordinary', 'extraordinary', 'public'], 'Select the kind of meeting'),
  meetingDate: requiredDate('date of the meeting'),
  startTime: time,
  location: requiredText('Enter the place', 200, 'Place'),
});

export type MeetingInput = z.output<typeof meetingSchema>;

export const rescheduleSchema = z.object({
  meetingDate: requiredDate('new date'),
  startTime: time,
  // Left out, the meeting stays where it was.
  location: optionalText(200, 'Place'),
  reason: requiredText('Say why the meeting is moving', 1000, 'The reason'),
});

export type RescheduleInput = z.output<typeof rescheduleSchema>;

export const cancelSchema = z.object({ reason: requiredText('Say why the meeting is cancelled', 1000, 'The reason') });

export const agendaItemSchema = z
  .object({
    title: requiredText('Enter the item', 300, 'Item'),
    section: choice(['decision', 'noting', 'briefing'], 'Select the section'),
    presenter: optionalText(200, 'Presented by'),
    purpose: optionalText(2000, 'Purpose'),
    confidentiality: choice(['public', 'confidential'], 'Select whether the public can see this item'),
    confidentialReason: optionalText(300, 'The reason'),
  })
  .refine((item) => item.confidentiality === 'public' || item.confidentialReason, {
    path: ['confidentialReason'],
    message: 'Say why the item is confidential',
  })
  .transform(({ confidentiality, confidentialReason, ...item }) => ({
    ...item,
    confidential: confidentiality === 'confidential',
    confidentialReason: confidentiality === 'confidential' ? confidentialReason : null,
  }));

export type AgendaItemInput = z.output<typeof agendaItemSchema>;

export const narrativeSchema = z.object({ narrative: requiredText('Enter the minutes of this item', 20_000, 'The minutes') });

export const decisionSchema = z
  .object({
    outcome: choice(outcomes, 'Select the outcome'),
    wording: requiredText('Enter the decision', 2000, 'The decision'),
    recommendedTo: optionalText(200, 'Recommended to'),
    votesFor: optionalWholeNumber('Votes for', 0, 200),
    votesAgainst: optionalWholeNumber('Votes against', 0, 200),
    votesAbstaining: optionalWholeNumber('Abstentions', 0, 200),
  })
  .refine((decision) => decision.outcome !== 'recommended' || decision.recommendedTo, {
    path: ['recommendedTo'],
    message: 'Enter the body the recommendation goes to',
  })
  .transform((decision) => ({ ...decision, recommendedTo: decision.outcome === 'recommended' ? decision.recommendedTo : null }));

export type DecisionInput = z.output<typeof decisionSchema>;

export const approveSchema = z.object({ atMeetingId: requiredText('Select the meeting that approved the minutes') });

export const amendmentSchema = z.object({ correction: requiredText('Enter the correction', 2000, 'The correction') });

export const declarationSchema = z.object({
  personId: requiredText('Select who is declaring'),
  interestId: optionalText(),
  nature: requiredText('Describe the interest', 1000, 'The nature of the interest'),
});

export type DeclarationInput = z.output<typeof declarationSchema>;

export const workProgrammeSchema = z.object({
  title: requiredText('Enter the item', 300, 'Item'),
  plannedMeetingId: optionalText(),
  notes: optionalText(2000, 'Notes'),
});
export type WorkProgrammeInput = z.output<typeof workProgrammeSchema>;

/** A paper's title, sent with its file. */
export const paperTitleSchema = z.object({ title: optionalText(200, 'The title') });

/** A member's apologies for a meeting, and whom they send in their place. */
export const apologiesSchema = z.object({
  substitutePersonId: optionalText(),
  note: optionalText(1000, 'The note'),
});
export type ApologiesInput = z.output<typeof apologiesSchema>;

/** An interest a member declares on an agenda item before the meeting. */
export const itemInterestSchema = z.object({
  category: choice(['employment', 'financial', 'membership', 'gifts', 'other'], 'Select the kind of interest'),
  interestId: optionalText(),
  nature: requiredText('Describe the interest', 1000, 'The nature of the interest'),
});
export type ItemInterestInput = z.output<typeof itemInterestSchema>;

/** A member's comment on circulated draft minutes: on one item, or (no item) on the minutes as a whole. */
export const minutesCommentSchema = z.object({
  agendaItemId: optionalText(),
  comment: requiredText('Enter your comment', 2000, 'Your comment'),
});
export type MinutesCommentInput = z.output<typeof minutesCommentSchema>;

/** How the officer resolved a comment on the draft minutes. */
export const commentResolutionSchema = z.object({
  resolution: choice(['changed', 'no_change'], 'Select whether the minutes were changed'),
  note: requiredText('Enter a note for the member', 1000, 'The note'),
});
export type CommentResolutionInput = z.output<typeof commentResolutionSchema>;

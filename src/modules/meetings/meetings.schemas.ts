/** Each meetings form's fields (how it looks) and schema (the check and the type). */
import { z } from 'zod';
import { type Field, optionsOf } from '../../web/forms.ts';
import { choice, optionalText, optionalWholeNumber, requiredDate, requiredText } from '../../platform/inputs.ts';
import { ordinalNames, weekdayNames } from './meetingCycle.ts';
import { outcomeNames } from './outcomes.ts';

export const meetingKindNames = { ordinary: 'Ordinary', extraordinary: 'Extraordinary', public: 'Public meeting' } as const;
export type MeetingKind = keyof typeof meetingKindNames;

export const meetingStatusNames = { scheduled: 'Scheduled', rescheduled: 'Rescheduled', cancelled: 'Cancelled', held: 'Held' } as const;

const time = z
  .string({ error: 'Enter the start time' })
  .regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/, 'Enter the start time in hours and minutes on the 24-hour clock, like 10:00 or 14:30')
  .transform((value) => value.replace('.', ':').padStart(5, '0'));

const timeField: Field = {
  name: 'startTime',
  label: 'Start time',
  kind: 'text',
  hint: 'For example, 10:00 or 14:30',
  width: 'govuk-input--width-5',
};
const locationField: Field = {
  name: 'location',
  label: 'Place',
  kind: 'text',
  hint: 'For example, Committee Room 3, Council House, or Online',
};

export const cycleFields: Field[] = [
  { name: 'groupId', label: 'Group', kind: 'select', hint: 'How often it meets comes from its terms of reference' },
  {
    name: 'from',
    label: 'First day of the year to plan',
    kind: 'date',
    hint: 'Meetings are planned for twelve months from this date, for example 1 4 2026',
  },
  {
    name: 'ordinal',
    label: 'Which week of the month',
    kind: 'select',
    options: optionsOf(ordinalNames),
    hint: 'Weekly and six-weekly groups ignore this',
  },
  { name: 'weekday', label: 'Day of the week', kind: 'select', options: optionsOf(weekdayNames) },
  timeField,
  locationField,
];
export const cycleSchema = z.object({
  groupId: requiredText('Select the group'),
  from: requiredDate('first day of the year to plan'),
  ordinal: choice(['1', '2', '3', '4', '-1'], 'Select which week of the month').transform((value) => Number(value) as 1 | 2 | 3 | 4 | -1),
  weekday: choice(['1', '2', '3', '4', '5'], 'Select the day of the week').transform(Number),
  startTime: time,
  location: requiredText('Enter the place', 200, 'Place'),
});
export type CycleInput = z.output<typeof cycleSchema>;

export const meetingFields: Field[] = [
  { name: 'groupId', label: 'Group', kind: 'select' },
  { name: 'kind', label: 'Kind of meeting', kind: 'radios', options: optionsOf(meetingKindNames) },
  { name: 'meetingDate', label: 'Date', kind: 'date' },
  timeField,
  locationField,
];
export const meetingSchema = z.object({
  groupId: requiredText('Select the group'),
  kind: choice(['ordinary', 'extraordinary', 'public'], 'Select the kind of meeting'),
  meetingDate: requiredDate('date'),
  startTime: time,
  location: requiredText('Enter the place', 200, 'Place'),
});
export type MeetingInput = z.output<typeof meetingSchema>;

export const rescheduleFields: Field[] = [
  { name: 'meetingDate', label: 'New date', kind: 'date' },
  { ...timeField, label: 'New start time' },
  { ...locationField, label: 'Place', hint: 'Change it if the meeting moves to another place' },
  {
    name: 'reason',
    label: 'Why the meeting is moving',
    kind: 'textarea',
    rows: 3,
    hint: 'This is recorded with the old date, and shown on the meeting page',
  },
];
export const rescheduleSchema = z.object({
  meetingDate: requiredDate('new date'),
  startTime: time,
  // Left out, the meeting stays where it was.
  location: optionalText(200, 'Place'),
  reason: requiredText('Say why the meeting is moving', 1000, 'The reason'),
});
export type RescheduleInput = z.output<typeof rescheduleSchema>;

export const cancelFields: Field[] = [{ name: 'reason', label: 'Why the meeting is cancelled', kind: 'textarea', rows: 3 }];
export const cancelSchema = z.object({ reason: requiredText('Say why the meeting is cancelled', 1000, 'The reason') });

export const agendaSectionNames = {
  decision: 'For decision or discussion',
  noting: 'To note',
  briefing: 'Briefing (discussed by exception)',
} as const;

export const agendaItemFields: Field[] = [
  { name: 'title', label: 'Item', kind: 'text', hint: 'For example, "Domestic Violence Perpetrator Programme: recommendations"' },
  { name: 'section', label: 'Section', kind: 'radios', options: optionsOf(agendaSectionNames) },
  { name: 'presenter', label: 'Presented by (optional)', kind: 'text', hint: 'A name, a role or an organisation' },
  {
    name: 'purpose',
    label: 'Purpose (optional)',
    kind: 'textarea',
    rows: 3,
    hint: 'What the meeting is asked to do, for example "To agree the recommendations"',
  },
  {
    name: 'confidentiality',
    label: 'Can the public see this item?',
    kind: 'radios',
    options: [
      { value: 'public', text: 'Yes, it is public' },
      { value: 'confidential', text: 'No, it is confidential (Part II, exempt information)' },
    ],
  },
  {
    name: 'confidentialReason',
    label: 'Why it is confidential',
    kind: 'text',
    hint: 'For example, "Information about individuals"',
    showWhen: { field: 'confidentiality', values: ['confidential'] },
  },
];
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

export const narrativeFields: Field[] = [
  { name: 'narrative', label: 'Minutes of this item', kind: 'textarea', rows: 8, hint: 'What was reported and discussed' },
];
export const narrativeSchema = z.object({ narrative: requiredText('Enter the minutes of this item', 20_000, 'The minutes') });

export const decisionFields: Field[] = [
  { name: 'outcome', label: 'Outcome', kind: 'radios', options: optionsOf(outcomeNames) },
  {
    name: 'wording',
    label: 'Decision',
    kind: 'textarea',
    rows: 3,
    hint: 'As it should read in the minutes, for example "Recommendations 4.1 and 4.2 were supported"',
  },
  {
    name: 'recommendedTo',
    label: 'Recommended to',
    kind: 'text',
    hint: 'The body the recommendation goes to',
    showWhen: { field: 'outcome', values: ['recommended'] },
  },
  {
    name: 'votesFor',
    label: 'Votes for (optional)',
    kind: 'integer',
    width: 'govuk-input--width-3',
    hint: 'Only if it was put to a vote of voting members present',
  },
  { name: 'votesAgainst', label: 'Votes against (optional)', kind: 'integer', width: 'govuk-input--width-3' },
  { name: 'votesAbstaining', label: 'Abstentions (optional)', kind: 'integer', width: 'govuk-input--width-3' },
];
export const decisionSchema = z
  .object({
    outcome: choice(['agreed', 'resolved', 'supported', 'recommended', 'noted', 'deferred'], 'Select the outcome'),
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

export const approveFields: Field[] = [
  { name: 'atMeetingId', label: 'Approved at the meeting of', kind: 'select', hint: 'A later meeting of the same group' },
];
export const approveSchema = z.object({ atMeetingId: requiredText('Select the meeting that approved the minutes') });

export const amendmentFields: Field[] = [
  {
    name: 'correction',
    label: 'Correction',
    kind: 'textarea',
    rows: 4,
    hint: 'For example: "Item 4: for 4.2 read 4.3". The approved minutes stay as they were, with this beside them',
  },
];
export const amendmentSchema = z.object({ correction: requiredText('Enter the correction', 2000, 'The correction') });

export const declarationFields: Field[] = [
  { name: 'personId', label: 'Who is declaring', kind: 'select' },
  {
    name: 'interestId',
    label: 'Interest in the register (optional)',
    kind: 'select',
    emptyText: 'Not in the register',
    hint: 'The entry in the register of interests this refers to',
  },
  {
    name: 'nature',
    label: 'Nature of the interest',
    kind: 'textarea',
    rows: 2,
    hint: 'For example, "Trustee of an organisation bidding for the funding"',
  },
];
export const declarationSchema = z.object({
  personId: requiredText('Select who is declaring'),
  interestId: optionalText(),
  nature: requiredText('Describe the interest', 1000, 'The nature of the interest'),
});
export type DeclarationInput = z.output<typeof declarationSchema>;

export const workProgrammeFields: Field[] = [
  { name: 'title', label: 'Item', kind: 'text', hint: 'For example, "Annual review of the Strategic Assessment"' },
  { name: 'plannedMeetingId', label: 'Planned for (optional)', kind: 'select', emptyText: 'Not decided yet' },
  {
    name: 'notes',
    label: 'Notes (optional)',
    kind: 'textarea',
    rows: 2,
    hint: 'Becomes the purpose of the item when it is placed on the agenda',
  },
];
export const workProgrammeSchema = z.object({
  title: requiredText('Enter the item', 300, 'Item'),
  plannedMeetingId: optionalText(),
  notes: optionalText(2000, 'Notes'),
});

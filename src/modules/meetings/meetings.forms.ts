/** How each meetings form looks: its fields, in page order, and the words for its choices. Checked by meetings.inputs.ts. */
import type { MeetingKind, MeetingStatus } from '../../db/schema.ts';
import { type Field, optionsOf } from '../../web/forms.ts';
import { ordinalNames, weekdayNames } from './meetingCycle.ts';
import { outcomeNames } from './outcomes.ts';

export const meetingKindNames = {
  ordinary: 'Ordinary',
  extraordinary: 'Extraordinary',
  public: 'Public meeting',
} as const satisfies Record<MeetingKind, string>;

export const meetingStatusNames = {
  scheduled: 'Scheduled',
  rescheduled: 'Rescheduled',
  cancelled: 'Cancelled',
  held: 'Held',
} as const satisfies Record<MeetingStatus, string>;

const timeField: Field = {
  name: 'startTime',
  label: 'Start time',
  kind: 'text',
  hint: 'For example, 10am or 14:30',
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

export const meetingFields: Field[] = [
  { name: 'groupId', label: 'Group', kind: 'select' },
  { name: 'kind', label: 'Kind of meeting', kind: 'radios', options: optionsOf(meetingKindNames) },
  { name: 'meetingDate', label: 'Date', kind: 'date' },
  timeField,
  locationField,
];

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

export const cancelFields: Field[] = [{ name: 'reason', label: 'Why the meeting is cancelled', kind: 'textarea', rows: 3 }];

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

export const narrativeFields: Field[] = [
  { name: 'narrative', label: 'Minutes of this item', kind: 'textarea', rows: 8, hint: 'What was reported and discussed' },
];

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
    hint: 'Only if it was put to a vote of the voting members present. The outcome follows the vote: one not carried is recorded as not agreed',
  },
  { name: 'votesAgainst', label: 'Votes against (optional)', kind: 'integer', width: 'govuk-input--width-3' },
  { name: 'votesAbstaining', label: 'Abstentions (optional)', kind: 'integer', width: 'govuk-input--width-3' },
];

export const approveFields: Field[] = [
  { name: 'atMeetingId', label: 'Approved at the meeting of', kind: 'select', hint: 'A later meeting of the same group' },
];

export const amendmentFields: Field[] = [
  {
    name: 'correction',
    label: 'Correction',
    kind: 'textarea',
    rows: 4,
    hint: 'For example: "Item 4: for 4.2 read 4.3". The approved minutes stay as they were, with this beside them',
  },
];

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

export const paperTitleFields: Field[] = [
  {
    name: 'title',
    label: 'Title of the paper (optional)',
    kind: 'text',
    hint: 'For example, Strategic Assessment 2026. If you leave this blank, the file name is used.',
  },
];

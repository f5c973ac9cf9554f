/** When actions are reminded of (which ones: reminders.repository.ts), and the words of the reminder. */
import { formatDate } from '../../platform/dates.ts';
import type { Email } from './mailer.ts';

/** Reminders go out this many days before an action falls due (and once, if it is already overdue). */
export const reminderWindowDays = 7;

export interface ReminderDetails {
  recipientName: string;
  description: string;
  owner: string;
  dueDate: string;
  groupName: string;
  /** Null for an action of the community safety plan, agreed outside a meeting. */
  meetingDate: string | null;
  itemTitle: string | null;
  link: string;
}

function agreedAt(action: ReminderDetails): string {
  return action.meetingDate
    ? `It was agreed at the ${action.groupName} meeting on ${formatDate(action.meetingDate)}, under "${action.itemTitle ?? ''}".`
    : `It is an action of the ${action.groupName} in the community safety plan.`;
}

export function reminderEmail(to: string, action: ReminderDetails, today: string): Email {
  const overdue = action.dueDate < today;
  const due = formatDate(action.dueDate);
  const subject = overdue ? `Action overdue: it was due on ${due}` : `Action due on ${due}`;
  const text = [
    `Dear ${action.recipientName},`,
    '',
    `${overdue ? 'This action was due' : 'This action is due'} on ${due}. ${agreedAt(action)}`,
    '',
    `Action: ${action.description}`,
    `Who: ${action.owner}`,
    `Due date: ${due}`,
    '',
    'Record what has been done, or why the action is not yet complete:',
    action.link,
    '',
    'This is an automatic reminder, sent once for this due date.',
  ].join('\n');
  return { to, subject, text };
}

/** The weekly digest: when it goes (Monday 07:00 in England) and its words. */
import { englandTimeToUtc } from '../../platform/dates.ts';
import { plural } from '../../platform/numbers.ts';
import { addDays } from '../../platform/workingDays.ts';

export const digestTime = '07:00';

/** The Monday on or after the date (YYYY-MM-DD). */
export function mondayFrom(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, (8 - weekday) % 7);
}

/** When the digest of that Monday goes, GMT or BST as the date falls. */
export function digestRunAt(monday: string): string {
  return englandTimeToUtc(monday, digestTime).toISOString();
}

export function digestEmail(notices: readonly { subject: string; text: string }[]): { subject: string; text: string } {
  return {
    subject: `Your weekly e-mail from Safer: ${plural(notices.length, 'notice', 'notices')}`,
    text: [
      `You asked to get Safer’s e-mails once a week. This week there ${notices.length === 1 ? 'was' : 'were'} ${plural(notices.length, 'notice', 'notices')}.`,
      ...notices.flatMap((notice, index) => ['', `${index + 1}. ${notice.subject}`, '', notice.text]),
    ].join('\n'),
  };
}

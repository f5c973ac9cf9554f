/** The words of the notices members get when a meeting's agenda and papers are published, or withdrawn, and every e-mail's way out. */
import { describeWhen } from '../../platform/dates.ts';
import type { Email } from './mailer.ts';
import type { NoticeKind } from './noticeAudience.ts';

export interface PublishedMeeting {
  groupName: string;
  meetingDate: string;
  startTime: string;
  location: string;
  /** The meeting's page for members, who sign in to read confidential papers. */
  link: string;
  /** The public page, without sign-in. */
  publicLink: string;
}

export function agendaPublishedNotice(meeting: PublishedMeeting): { subject: string; text: string } {
  const when = describeWhen(meeting.meetingDate, meeting.startTime);
  return {
    subject: `Agenda and papers published: ${meeting.groupName}, ${when}`,
    text: [
      `The agenda and papers for the ${meeting.groupName} meeting on ${when} at ${meeting.location} have been published.`,
      '',
      'Read them, and any confidential (Part II) papers, after signing in:',
      meeting.link,
      '',
      'The public part of the agenda, which anyone can read:',
      meeting.publicLink,
      '',
      'You are sent this because you are a member of the group.',
    ].join('\n'),
  };
}

/** The notice that a published agenda was withdrawn, with the reason given. */
export function agendaWithdrawnNotice(meeting: PublishedMeeting & { reason: string }): { subject: string; text: string } {
  const when = describeWhen(meeting.meetingDate, meeting.startTime);
  return {
    subject: `Agenda withdrawn: ${meeting.groupName}, ${when}`,
    text: [
      `The published agenda and papers for the ${meeting.groupName} meeting on ${when} have been withdrawn.`,
      '',
      `The reason given: ${meeting.reason}`,
      '',
      'The meeting’s page, where a new agenda will appear if one is published:',
      meeting.link,
      '',
      'You are sent this because you are a member of the group.',
    ].join('\n'),
  };
}

/** What the unsubscribe link of each kind of e-mail stops, in the words of its last lines. */
const stopping: Record<NoticeKind | 'all', string> = {
  publication: 'To stop e-mails about this group’s agendas, without signing in',
  minutes: 'To stop e-mails about this group’s minutes, without signing in',
  reminders: 'To stop reminders of your actions, without signing in',
  all: 'To stop all e-mails from Safer about your groups and actions, without signing in',
};

/**
 * An e-mail to one person, with its way out: the unsubscribe link at its foot and in the List-Unsubscribe headers,
 * which mail programs offer as one button (RFC 8058: the POST needs no page).
 */
export function personalEmail(
  to: string,
  notice: { subject: string; text: string },
  links: { kind: NoticeKind | 'all'; unsubscribe: string; preferences: string },
): Email {
  return {
    to,
    subject: notice.subject,
    text: [
      notice.text,
      '',
      `${stopping[links.kind]}:`,
      links.unsubscribe,
      '',
      'To choose which e-mails you get, sign in and go to:',
      links.preferences,
    ].join('\n'),
    headers: { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** The words of the notices members get when a meeting's agenda and papers are published, or withdrawn. */
import { describeWhen } from '../../platform/dates.ts';

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

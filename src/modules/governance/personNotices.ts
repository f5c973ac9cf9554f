/** The e-mails a person has chosen to get, as the person's page shows them to officers (the person changes them). */
import type { RelatedSection } from '../../web/recordPages.ts';

export interface PersonNoticeChoices {
  groups: readonly { groupName: string; publication: boolean; minutes: boolean }[];
  reminders: boolean;
  digest: boolean;
}

export type NoticesOf = (partnershipId: string, personId: string, name: string) => Promise<PersonNoticeChoices>;

const sent = (on: boolean) => (on ? 'Sent' : 'Turned off');

export function noticesSection(notices: PersonNoticeChoices): RelatedSection {
  return {
    title: 'E-mails they get',
    head: ['E-mail', 'Their choice'],
    rows: [
      ...notices.groups.flatMap((group) => [
        { cells: [`Agenda and papers published or withdrawn: ${group.groupName}`, sent(group.publication)] },
        { cells: [`Minutes circulated: ${group.groupName}`, sent(group.minutes)] },
      ]),
      { cells: ['Reminders of actions they own', sent(notices.reminders)] },
      { cells: ['How they are sent', notices.digest ? 'One e-mail a week, on Monday mornings' : 'One e-mail for each notice'] },
    ],
    emptyText: '',
    managersOnly: true,
  };
}

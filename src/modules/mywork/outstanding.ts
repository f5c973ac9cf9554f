/** A partnership officer's outstanding work, drawn from what the partnership's overview already computes. */
import type { PartnershipOverview } from '../overview/index.ts';
import { addDays } from '../../platform/workingDays.ts';

export interface Deadline {
  date: string;
  text: string;
  href: string;
}

export interface OutstandingWork {
  /** Next meetings whose agenda is overdue or which have papers that came late. */
  papersLate: { when: string; groupName: string; href: string; latePapers: number; agendaOverdue: boolean }[];
  /** Meetings whose minutes are past the days the terms allow and not yet circulated. */
  minutesOverdue: { when: string; groupName: string; href: string; minutesDue: string | null }[];
  overdueActions: number;
  /** Papers and minutes due out from today to six days from now, soonest first. */
  deadlinesThisWeek: Deadline[];
}

export function outstandingWork(overview: PartnershipOverview, today: string): OutstandingWork {
  const next = overview.meetings?.next.shown ?? [];
  const minutes = overview.meetings?.minutesToCirculate.shown ?? [];
  const weekEnd = addDays(today, 6);
  const thisWeek = (date: string | null): date is string => date !== null && date >= today && date <= weekEnd;
  const deadlines: Deadline[] = [
    ...next.flatMap((m) =>
      !m.agendaPublished && thisWeek(m.papersDue)
        ? [{ date: m.papersDue, text: `Agenda and papers for ${m.groupName}, ${m.when}`, href: m.href }]
        : [],
    ),
    ...minutes.flatMap((m) =>
      !m.overdue && thisWeek(m.minutesDue) ? [{ date: m.minutesDue, text: `Minutes of ${m.groupName}, ${m.when}`, href: m.href }] : [],
    ),
  ];
  return {
    papersLate: next
      .filter((m) => m.agendaOverdue || m.latePapers > 0)
      .map(({ when, groupName, href, latePapers, agendaOverdue }) => ({ when, groupName, href, latePapers, agendaOverdue })),
    minutesOverdue: minutes
      .filter((m) => m.overdue)
      .map(({ when, groupName, href, minutesDue }) => ({ when, groupName, href, minutesDue })),
    overdueActions: overview.overdueActions ?? 0,
    deadlinesThisWeek: deadlines.sort((a, b) => a.date.localeCompare(b.date)),
  };
}

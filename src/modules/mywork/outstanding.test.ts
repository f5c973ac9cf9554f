import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PartnershipOverview } from '../overview/index.ts';
import { outstandingWork } from './outstanding.ts';

const meeting = <T extends object>(when: string, more: T) => ({ when, groupName: 'Board', href: `/m/${when}`, ...more });

const overview: PartnershipOverview = {
  meetings: {
    next: {
      shown: [
        meeting('a', { papersDue: '2026-12-01', agendaPublished: false, agendaOverdue: true, latePapers: 0 }),
        meeting('b', { papersDue: '2026-12-09', agendaPublished: false, agendaOverdue: false, latePapers: 2 }),
        meeting('c', { papersDue: '2026-12-08', agendaPublished: true, agendaOverdue: false, latePapers: 0 }),
        meeting('d', { papersDue: '2026-12-20', agendaPublished: false, agendaOverdue: false, latePapers: 0 }),
      ],
      more: 0,
    },
    latePapers: 2,
    minutesToCirculate: {
      shown: [meeting('e', { minutesDue: '2026-11-30', overdue: true }), meeting('f', { minutesDue: '2026-12-04', overdue: false })],
      more: 0,
    },
  },
  overdueActions: 3,
  latestReport: null,
  latestTasking: null,
  money: null,
};

describe('an officer’s outstanding work', () => {
  it('lists late papers, minutes past their days, overdue actions and what falls due from today to six days on', () => {
    const work = outstandingWork(overview, '2026-12-03');
    assert.deepEqual(
      work.papersLate.map((m) => [m.when, m.agendaOverdue, m.latePapers]),
      [
        ['a', true, 0],
        ['b', false, 2],
      ],
    );
    assert.deepEqual(
      work.minutesOverdue.map((m) => m.when),
      ['e'],
    );
    assert.equal(work.overdueActions, 3);
    // c is published already, d falls due after the week; the week runs 3 to 9 December.
    assert.deepEqual(
      work.deadlinesThisWeek.map((d) => [d.date, d.text]),
      [
        ['2026-12-04', 'Minutes of Board, f'],
        ['2026-12-09', 'Agenda and papers for Board, b'],
      ],
    );
  });

  it('is empty where the viewer sees no meetings or actions', () => {
    const work = outstandingWork({ ...overview, meetings: null, overdueActions: null }, '2026-12-03');
    assert.deepEqual(work, { papersLate: [], minutesOverdue: [], overdueActions: 0, deadlinesThisWeek: [] });
  });
});

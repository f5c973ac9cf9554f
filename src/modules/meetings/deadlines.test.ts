import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DeadlineTerms, meetingDeadlines } from './deadlines.ts';

const none = { papersDue: null, minutesDue: null, actionsDue: null };

/** Terms that set only the minutes' circulation, in calendar days. */
const minutesWithin = (days: number): DeadlineTerms => ({
  papersNoticeDays: null,
  papersNoticeUnit: 'calendar',
  minutesCirculationDays: days,
  actionsCirculationWorkingDays: null,
});

/** Terms that set only the papers' notice, in calendar days. */
const papersNotice = (days: number): DeadlineTerms => ({ ...minutesWithin(0), minutesCirculationDays: null, papersNoticeDays: days });

describe('meetingDeadlines', () => {
  it("applies the Coventry board's 5 working days for papers across Easter", () => {
    const board = { papersNoticeDays: 5, papersNoticeUnit: 'working', minutesCirculationDays: null, actionsCirculationWorkingDays: null };
    assert.deepEqual(meetingDeadlines('2026-04-09', board), {
      papersDue: '2026-03-31',
      minutesDue: null,
      actionsDue: null,
      rules: { ...none, papersDue: '5 working days before the meeting' },
    });
  });

  it("applies Prevent's 7 calendar days for the agenda and minutes within 7 days, both on working days", () => {
    const prevent = { papersNoticeDays: 7, papersNoticeUnit: 'calendar', minutesCirculationDays: 7, actionsCirculationWorkingDays: null };
    assert.deepEqual(meetingDeadlines('2026-12-24', prevent), {
      papersDue: '2026-12-17',
      minutesDue: '2026-12-31',
      actionsDue: null,
      rules: { papersDue: '7 calendar days before the meeting', minutesDue: '7 calendar days after the meeting', actionsDue: null },
    });
  });

  it('moves minutes due on Christmas Day 2026 past Boxing Day’s substitute to Tuesday 29 December', () => {
    // Friday 18 December 2026: 7 days on is Christmas Day, then a weekend, then Monday 28th for Boxing Day.
    const deadlines = meetingDeadlines('2026-12-18', minutesWithin(7));
    assert.equal(deadlines.minutesDue, '2026-12-29');
    assert.equal(deadlines.rules.minutesDue, '7 calendar days after the meeting, moved from 25 December, a bank holiday (Christmas Day)');
  });

  it('moves minutes due on Good Friday 2027 past Easter Monday, and papers due on Easter Monday back before Good Friday', () => {
    const minutes = meetingDeadlines('2027-03-19', minutesWithin(7));
    assert.equal(minutes.minutesDue, '2027-03-30');
    assert.equal(minutes.rules.minutesDue, '7 calendar days after the meeting, moved from 26 March, a bank holiday (Good Friday)');
    // Monday 5 April 2027: 7 days' notice would end on Easter Monday; the papers go out by Thursday 25 March.
    const papers = meetingDeadlines('2027-04-05', papersNotice(7));
    assert.equal(papers.papersDue, '2027-03-25');
    assert.equal(papers.rules.papersDue, '7 calendar days before the meeting, moved back from 29 March, a bank holiday (Easter Monday)');
  });

  it('moves a deadline on a Saturday to the Monday, and one on New Year’s Day 2027 to Monday 4 January', () => {
    const saturday = meetingDeadlines('2026-12-01', minutesWithin(4));
    assert.equal(saturday.minutesDue, '2026-12-07');
    assert.equal(saturday.rules.minutesDue, '4 calendar days after the meeting, moved from 5 December, a Saturday');
    const newYear = meetingDeadlines('2026-12-25', minutesWithin(7));
    assert.equal(newYear.minutesDue, '2027-01-04');
    assert.equal(newYear.rules.minutesDue, "7 calendar days after the meeting, moved from 1 January, a bank holiday (New Year's Day)");
  });

  it("sends City Tasking's actions by the next working day, over Christmas", () => {
    const tasking = { papersNoticeDays: 1, papersNoticeUnit: 'calendar', minutesCirculationDays: null, actionsCirculationWorkingDays: 1 };
    // Thursday 24 December 2026: Christmas Day Friday, Boxing Day Saturday with its substitute on Monday 28th.
    const deadlines = meetingDeadlines('2026-12-24', tasking);
    assert.equal(deadlines.actionsDue, '2026-12-29');
    assert.equal(deadlines.rules.actionsDue, '1 working day after the meeting');
  });

  it('has no deadlines without terms of reference', () => {
    assert.deepEqual(meetingDeadlines('2026-04-09', null), { ...none, rules: none });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meetingDeadlines } from './deadlines.ts';

describe('meetingDeadlines', () => {
  it("applies the Coventry board's 5 working days for papers across Easter", () => {
    const board = { papersNoticeDays: 5, papersNoticeUnit: 'working', minutesCirculationDays: null, actionsCirculationWorkingDays: null };
    assert.deepEqual(meetingDeadlines('2026-04-09', board), { papersDue: '2026-03-31', minutesDue: null, actionsDue: null });
  });

  it("applies Prevent's 7 calendar days for the agenda and minutes within 7 days", () => {
    const prevent = { papersNoticeDays: 7, papersNoticeUnit: 'calendar', minutesCirculationDays: 7, actionsCirculationWorkingDays: null };
    assert.deepEqual(meetingDeadlines('2026-12-24', prevent), { papersDue: '2026-12-17', minutesDue: '2026-12-31', actionsDue: null });
  });

  it("sends City Tasking's actions by the next working day, over Christmas", () => {
    const tasking = { papersNoticeDays: 1, papersNoticeUnit: 'calendar', minutesCirculationDays: null, actionsCirculationWorkingDays: 1 };
    // Thursday 24 December 2026: Christmas Day Friday, Boxing Day Saturday with its substitute on Monday 28th.
    assert.equal(meetingDeadlines('2026-12-24', tasking).actionsDue, '2026-12-29');
  });

  it('has no deadlines without terms of reference', () => {
    assert.deepEqual(meetingDeadlines('2026-04-09', null), { papersDue: null, minutesDue: null, actionsDue: null });
  });
});

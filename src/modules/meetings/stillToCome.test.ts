import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStillToCome, stillToCome } from './stillToCome.ts';

describe('meetings still to come', () => {
  const today = '2026-12-07';

  it('counts a meeting today or later that is scheduled or rescheduled', () => {
    assert.ok(isStillToCome({ status: 'scheduled', meetingDate: today }, today));
    assert.ok(isStillToCome({ status: 'scheduled', meetingDate: '2026-12-08' }, today));
    assert.ok(isStillToCome({ status: 'rescheduled', meetingDate: '2027-01-14' }, today));
  });

  it('leaves out a meeting before today, a cancelled one, and one today already recorded as held', () => {
    assert.ok(!isStillToCome({ status: 'scheduled', meetingDate: '2026-12-06' }, today));
    assert.ok(!isStillToCome({ status: 'cancelled', meetingDate: '2026-12-10' }, today));
    assert.ok(!isStillToCome({ status: 'held', meetingDate: today }, today));
  });

  it('keeps the order and the meetings it is given', () => {
    const meetings = [
      { id: 'a', status: 'held', meetingDate: today },
      { id: 'b', status: 'scheduled', meetingDate: today },
      { id: 'c', status: 'cancelled', meetingDate: '2026-12-09' },
      { id: 'd', status: 'rescheduled', meetingDate: '2026-12-10' },
    ];
    assert.deepEqual(
      stillToCome(meetings, today).map((meeting) => meeting.id),
      ['b', 'd'],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  approvingMeetings,
  canAmend,
  canMoveTo,
  type DatedMeeting,
  isEditable,
  type MinutesFacts,
  whyNot,
  whyNotApprovedAt,
} from './minutesLife.ts';

describe('the life of minutes', () => {
  it('goes draft, circulated, approved, signed', () => {
    assert.equal(canMoveTo('draft', 'circulated'), true);
    assert.equal(canMoveTo('circulated', 'approved'), true);
    assert.equal(canMoveTo('approved', 'signed'), true);
  });
  it('is never signed before it is approved, and never goes back', () => {
    assert.equal(canMoveTo('circulated', 'signed'), false);
    assert.equal(canMoveTo('approved', 'draft'), false);
    assert.equal(canMoveTo('signed', 'approved'), false);
  });
  it('can be written until approved, and not after', () => {
    assert.deepEqual((['draft', 'circulated', 'approved', 'signed'] as const).map(isEditable), [true, true, false, false]);
  });
  it('takes amendments once approved, and only then', () => {
    assert.deepEqual((['draft', 'circulated', 'approved', 'signed'] as const).map(canAmend), [false, false, true, true]);
  });
});

describe('when each step of the minutes can be taken', () => {
  // 20 December 2026, 10:30 in England (GMT).
  const now = new Date('2026-12-20T10:30:00Z');
  const meeting = (meetingDate: string, startTime = '10:00', status: DatedMeeting['status'] = 'scheduled'): DatedMeeting => ({
    groupId: 'board',
    meetingDate,
    startTime,
    status,
  });
  const facts = (over: Partial<MinutesFacts>): MinutesFacts => ({
    status: 'draft',
    meeting: meeting('2026-12-20'),
    approvedAt: null,
    now,
    ...over,
  });

  it('waits for the meeting to start: nothing is written, circulated or approved before its start time', () => {
    const ahead = facts({ meeting: meeting('2027-01-03') });
    for (const step of ['write', 'circulate', 'approve', 'sign'] as const) {
      assert.equal(
        whyNot(step, ahead),
        'This meeting starts on Sunday 3 January 2027 at 10:00: its attendance and minutes can be recorded from then',
      );
    }
    assert.match(
      whyNot('circulate', facts({ meeting: meeting('2026-12-20', '11:00') })) ?? '',
      /starts on Sunday 20 December 2026 at 11:00/,
    );
    assert.equal(whyNot('circulate', facts({})), null, 'started half an hour ago');
    assert.equal(
      whyNot('write', facts({ meeting: meeting('2026-12-20', '10:00', 'cancelled') })),
      'This meeting was cancelled: it has no minutes',
    );
  });

  it("takes members' comments only while the minutes are circulated", () => {
    assert.equal(whyNot('comment', facts({ status: 'circulated' })), null);
    assert.equal(whyNot('comment', facts({ status: 'draft' })), 'The draft minutes can be commented on once they are circulated');
    for (const status of ['approved', 'signed'] as const) {
      assert.equal(whyNot('comment', facts({ status })), 'These minutes have been approved: comments on them are closed');
    }
  });

  it('signs only approved minutes, and only once the approving meeting has started', () => {
    assert.match(whyNot('sign', facts({ status: 'circulated' })) ?? '', /cannot be signed/);
    assert.equal(whyNot('sign', facts({ status: 'approved', meeting: meeting('2026-11-19'), approvedAt: meeting('2026-12-20') })), null);
    assert.match(
      whyNot('sign', facts({ status: 'approved', meeting: meeting('2026-11-19'), approvedAt: meeting('2027-01-21') })) ?? '',
      /once the meeting that approved them, on Thursday 21 January 2027 at 10:00, has started/,
    );
  });

  it('approves at a later meeting of the group that has started, never at one still to come', () => {
    const minuted = meeting('2026-11-19');
    assert.equal(whyNotApprovedAt(minuted, meeting('2026-12-20'), now), null);
    assert.match(whyNotApprovedAt(minuted, meeting('2027-01-25'), now) ?? '', /Monday 25 January 2027 at 10:00 has not started yet/);
    assert.equal(whyNotApprovedAt(minuted, meeting('2026-11-19'), now), 'Select a later meeting of the same group');
    assert.equal(
      whyNotApprovedAt(minuted, { ...meeting('2026-12-20'), groupId: 'other' }, now),
      'Select a later meeting of the same group',
    );
    assert.equal(whyNotApprovedAt(minuted, meeting('2026-12-20', '10:00', 'cancelled'), now), 'Select a later meeting of the same group');
    const later = [meeting('2026-12-20'), meeting('2026-12-20', '14:00'), meeting('2027-01-25')];
    assert.deepEqual(approvingMeetings(minuted, later, now), [later[0]]);
  });
});

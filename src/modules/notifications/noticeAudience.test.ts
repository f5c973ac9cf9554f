import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audienceOf, defaultPreferences, type NoticePreferences, optOutKey, receives } from './noticeAudience.ts';

const people = [
  { id: 'ann', name: 'Ann', email: 'Ann@example.org' },
  { id: 'bob', name: 'Bob', email: 'bob@example.org' },
  { id: 'cy', name: 'Cy', email: null },
  { id: 'di', name: 'Di', email: 'di@example.org' },
  { id: 'ann2', name: 'Ann again', email: 'ann@example.org' },
];

describe('receives', () => {
  it('gets everything by default; a group kind is turned off for that group only, reminders for the person', () => {
    const chosen: NoticePreferences = { reminders: false, digest: false, turnedOff: new Set([optOutKey('minutes', 'board')]) };
    assert.ok(receives(defaultPreferences, 'publication', 'board'));
    assert.ok(receives(defaultPreferences, 'reminders', null));
    assert.ok(!receives(chosen, 'minutes', 'board'));
    assert.ok(receives(chosen, 'minutes', 'prevent'));
    assert.ok(receives(chosen, 'publication', 'board'));
    assert.ok(!receives(chosen, 'reminders', null));
  });
});

describe('audienceOf', () => {
  it('sends now, holds for the digest, and names who turned it off and who has no address, one e-mail per address', () => {
    const preferences: Record<string, NoticePreferences> = {
      bob: { ...defaultPreferences, turnedOff: new Set([optOutKey('publication', 'board')]) },
      di: { ...defaultPreferences, digest: true },
    };
    const reached = audienceOf(people, (id) => preferences[id] ?? defaultPreferences, 'publication', 'board');
    assert.deepEqual(
      reached.now.map((p) => [p.name, p.email]),
      [['Ann', 'ann@example.org']],
    );
    assert.deepEqual(
      reached.held.map((p) => p.name),
      ['Di'],
    );
    assert.deepEqual(
      reached.turnedOff.map((p) => p.name),
      ['Bob'],
    );
    assert.deepEqual(
      reached.withoutAddress.map((p) => p.name),
      ['Cy'],
    );
  });

  it('leaves out those who turned reminders off', () => {
    const reached = audienceOf(
      people.slice(0, 2),
      (id) => (id === 'ann' ? { ...defaultPreferences, reminders: false } : defaultPreferences),
      'reminders',
      null,
    );
    assert.deepEqual(
      reached.now.map((p) => p.name),
      ['Bob'],
    );
    assert.deepEqual(
      reached.turnedOff.map((p) => p.name),
      ['Ann'],
    );
  });
});

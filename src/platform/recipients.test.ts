import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRecipients, emailedLine } from './recipients.ts';

const person = (n: number) => ({ name: `Person ${n}`, email: `p${n}@example.org` });

describe('describeRecipients', () => {
  it('names who was e-mailed and who has no address', () => {
    const text = describeRecipients({ addressed: [person(1)], withoutAddress: [{ name: 'Bob Jones' }, { name: 'Cy Li' }] }, 'sent');
    assert.equal(text, 'E-mailed 1 person: Person 1. No e-mail address is held for 2 people, so they were not told: Bob Jones and Cy Li.');
  });

  it('never says members were e-mailed when nobody was', () => {
    assert.equal(describeRecipients({ addressed: [], withoutAddress: [] }, 'sent'), 'Nobody was e-mailed.');
    // With no one to tell at all, it says why.
    const empty = { addressed: [], withoutAddress: [], nobody: 'the group has no members today' };
    assert.equal(describeRecipients(empty, 'will'), 'Nobody will be e-mailed: the group has no members today.');
    assert.equal(
      describeRecipients({ ...empty, withoutAddress: [{ name: 'Ann' }] }, 'sent'),
      'Nobody was e-mailed. No e-mail address is held for 1 person, so they were not told: Ann.',
    );
    assert.equal(
      describeRecipients({ addressed: [], withoutAddress: [{ name: 'Ann' }] }, 'will'),
      'Nobody will be e-mailed. No e-mail address is held for 1 person, so they will not be told: Ann.',
    );
  });

  it('names those who turned these e-mails off', () => {
    const text = describeRecipients(
      { addressed: [person(1)], withoutAddress: [], turnedOff: [{ name: 'Bob Jones' }, { name: 'Cy Li' }, { name: 'Di Ray' }] },
      'sent',
    );
    assert.match(text, /\. 3 people have turned these e-mails off: Bob Jones, Cy Li and Di Ray\.$/);
    assert.match(
      describeRecipients({ addressed: [], withoutAddress: [], turnedOff: [{ name: 'Bob Jones' }] }, 'will'),
      /1 person has turned/,
    );
  });

  it('names ten and counts the rest', () => {
    const many = Array.from({ length: 106 }, (_, n) => ({ name: `Member ${n + 1}` }));
    const text = describeRecipients({ addressed: [person(1)], withoutAddress: many }, 'sent');
    assert.match(text, /106 people, so they were not told: Member 1, Member 2, .*Member 10 and 96 others\.$/);
  });
});

describe('emailedLine', () => {
  it('says who is e-mailed as the recipients allow, and nothing when nobody can be', () => {
    assert.deepEqual(emailedLine({ addressed: [person(1)], withoutAddress: [] }, 'a link to the agenda'), [
      'The group’s members are e-mailed a link to the agenda.',
    ]);
    assert.deepEqual(emailedLine({ addressed: [person(1)], withoutAddress: [{ name: 'Ann' }] }, 'a link to the agenda'), [
      'Members with an e-mail address are e-mailed a link to the agenda.',
    ]);
    assert.deepEqual(emailedLine({ addressed: [], withoutAddress: [{ name: 'Ann' }] }, 'a link to the agenda'), []);
    assert.deepEqual(emailedLine({ addressed: [person(1)], withoutAddress: [], turnedOff: [{ name: 'Bob' }] }, 'a link to the agenda'), [
      'Members who have not turned these e-mails off are e-mailed a link to the agenda.',
    ]);
  });
});

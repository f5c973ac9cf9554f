import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digestEmail, digestRunAt, mondayFrom } from './digest.ts';

describe('mondayFrom', () => {
  it('is the day itself on a Monday, and otherwise the next Monday', () => {
    assert.equal(mondayFrom('2016-07-25'), '2016-07-25');
    assert.equal(mondayFrom('2016-07-26'), '2016-08-01');
    assert.equal(mondayFrom('2016-07-31'), '2016-08-01');
  });
});

describe('digestRunAt', () => {
  it('is 07:00 on the clock in England: 06:00 UTC in summer, 07:00 UTC in winter', () => {
    assert.equal(digestRunAt('2016-07-25'), '2016-07-25T06:00:00.000Z');
    assert.equal(digestRunAt('2016-12-05'), '2016-12-05T07:00:00.000Z');
  });
});

describe('digestEmail', () => {
  it('counts the notices and gives each in full, numbered', () => {
    const email = digestEmail([
      { subject: 'Agenda withdrawn', text: 'The agenda was withdrawn.' },
      { subject: 'Action due', text: 'Dear Jo,' },
    ]);
    assert.equal(email.subject, 'Your weekly e-mail from Safer: 2 notices');
    assert.equal(
      email.text,
      [
        'You asked to get Safer’s e-mails once a week. This week there were 2 notices.',
        '',
        '1. Agenda withdrawn',
        '',
        'The agenda was withdrawn.',
        '',
        '2. Action due',
        '',
        'Dear Jo,',
      ].join('\n'),
    );
  });
});

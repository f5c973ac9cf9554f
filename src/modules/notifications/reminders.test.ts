import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reminderEmail } from './reminders.ts';

describe('reminderEmail', () => {
  const action = {
    recipientName: 'Jane Smith',
    description: 'Report on the DPPO consultation',
    owner: 'Jane Smith',
    dueDate: '2016-07-29',
    groupName: 'Police and Crime Board',
    meetingDate: '2016-07-21',
    itemTitle: 'Designated Public Places Order',
    link: 'https://safer.example/partnerships/p/actions/a',
  };

  it('says what is due, when, where it was agreed, and where to update it', () => {
    const email = reminderEmail('jane.smith@example.org', action, '2016-07-25');
    assert.equal(email.to, 'jane.smith@example.org');
    assert.equal(email.subject, 'Action due on 29 July 2016');
    assert.equal(
      email.text,
      [
        'Dear Jane Smith,',
        '',
        'This action is due on 29 July 2016. It was agreed at the Police and Crime Board meeting on 21 July 2016, under "Designated Public Places Order".',
        '',
        'Action: Report on the DPPO consultation',
        'Who: Jane Smith',
        'Due date: 29 July 2016',
        '',
        'Record what has been done, or why the action is not yet complete:',
        'https://safer.example/partnerships/p/actions/a',
        '',
        'This is an automatic reminder, sent once for this due date.',
      ].join('\n'),
    );
  });

  it('says so when the action is overdue', () => {
    const email = reminderEmail('jane.smith@example.org', action, '2016-08-01');
    assert.equal(email.subject, 'Action overdue: it was due on 29 July 2016');
    assert.match(email.text, /^This action was due on 29 July 2016\./m);
  });
});

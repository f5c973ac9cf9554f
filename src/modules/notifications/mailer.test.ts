import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogMailer } from './mailer.ts';

describe('createLogMailer', () => {
  it('writes the whole e-mail to the log, saying it was not sent', async () => {
    const lines: string[] = [];
    await createLogMailer((line) => lines.push(line)).send({
      to: 'jo@example.org',
      subject: 'Action due on 29 July 2016',
      text: 'Dear Jo,',
    });
    assert.deepEqual(lines, ['E-mail not sent (no SMTP_URL) to jo@example.org: Action due on 29 July 2016\nDear Jo,']);
  });
});

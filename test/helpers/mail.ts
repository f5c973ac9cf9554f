/** Mail for tests: a mailer that keeps what it is asked to send, and a real SMTP server on loopback. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Email, Mailer } from '../../src/modules/notifications/index.ts';

/** Keeps every e-mail it is asked to send, in order. */
export function recordingMailer(): Mailer & { sent: Email[] } {
  const sent: Email[] = [];
  return {
    sent,
    send(email) {
      sent.push(email);
      return Promise.resolve();
    },
  };
}

export interface Received {
  to: string[];
  raw: string;
}

export interface TestSmtpServer {
  server: SMTPServer;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback, port chosen by the system; it refuses mailboxes at unknown.example. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@unknown.example')) {
        callback(Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A received message's text as sent, with quoted-printable soft line breaks and folded headers joined. */
export function unfolded(raw: string): string {
  return raw.replace(/\r\n[ \t]/g, ' ').replace(/=\r?\n/g, '');
}

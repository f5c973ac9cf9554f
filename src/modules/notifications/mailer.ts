import type { Transporter } from 'nodemailer';

export interface Email {
  to: string;
  subject: string;
  text: string;
  /** Extra headers, such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(email: Email): Promise<void>;
}

/** Sends through an SMTP transport; a refused or failed delivery throws, so the job is tried again. */
export function createSmtpMailer(transport: Transporter, from: string): Mailer {
  return {
    async send(email) {
      await transport.sendMail({ from, ...email });
    },
  };
}

/** Without an SMTP server (development), each e-mail is written to the log instead of being lost. */
export function createLogMailer(log: (line: string) => void): Mailer {
  return {
    send(email) {
      log(`E-mail not sent (no SMTP_URL) to ${email.to}: ${email.subject}\n${email.text}`);
      return Promise.resolve();
    },
  };
}

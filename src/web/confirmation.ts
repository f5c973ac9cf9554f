/**
 * The page before a step that cannot be taken back (publishing, circulating or signing minutes, issuing,
 * releasing money): it says what will happen and to whom, and the step is taken only by its button. Built
 * once so every such step asks the same way (GOV.UK's check answers pattern).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requiredText } from '../platform/inputs.ts';
import { describeRecipients, type Recipients } from '../platform/recipients.ts';
import { single } from './query.ts';
import type { Crumb } from './recordPages.ts';
import type { PageRenderer } from './render.ts';

export interface Confirmation {
  /** The question the page asks, e.g. "Issue the tasking document for November 2026?" */
  title: string;
  caption?: string;
  /** What is being acted on, as check-your-answers rows. */
  rows?: readonly { key: string; value: string }[];
  /** What will happen when the button is pressed, one sentence each, in order. */
  happens: readonly string[];
  /** Who will be e-mailed, and who cannot be for want of an address. */
  recipients?: Recipients;
  /** A reason the user must give (withdrawing, overriding), kept when the page comes back with an error. */
  reason?: { label: string; hint?: string; value?: string; error?: string };
  /** Values the step needs posted back, such as the record's version. */
  hidden?: Readonly<Record<string, string | number>>;
  action: string;
  button: string;
  /** A step that removes or withdraws something is a warning button. */
  warning?: boolean;
  cancel: string;
  breadcrumbs?: readonly Crumb[];
}

/** The form field that carries a confirmation's reason. */
export const reasonField = 'reason';
const reasonLength = 1000;

/**
 * The reason given on a confirmation page, read as any typed text is (one value, no hidden characters, at most
 * 1,000 characters), with the message for the page when it will not do; what was typed comes back either way.
 */
export function readReason(body: Readonly<Record<string, unknown>>, missing: string): { value: string; error?: string } {
  const typed = single(body[reasonField]) ?? '';
  const read = requiredText(missing, reasonLength, 'The reason').safeParse(typed);
  return read.success ? { value: read.data.trim() } : { value: typed, error: read.error.issues[0]?.message ?? missing };
}

export function renderConfirmation(pages: PageRenderer, request: FastifyRequest, reply: FastifyReply, confirmation: Confirmation) {
  const { recipients, reason } = confirmation;
  return pages.render(request, reply, 'confirm.njk', {
    ...confirmation,
    summaryRows: (confirmation.rows ?? []).map(({ key, value }) => ({ key: { text: key }, value: { text: value } })),
    told: recipients ? describeRecipients(recipients, 'will') : null,
    errors: reason?.error
      ? { summary: [{ text: reason.error, href: `#${reasonField}` }], byField: { [reasonField]: reason.error } }
      : undefined,
    reasonField,
  });
}

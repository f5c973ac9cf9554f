/**
 * Errors that services raise. Each carries its HTTP status and a stable code, so that one handler
 * (web/errors.ts) turns any of them into the right page, or for a JSON request into application/problem+json.
 */

export abstract class SaferError extends Error {
  abstract readonly status: number;
  /** Stable, for machines: the problem document's type ends with it. */
  abstract readonly code: string;
}

export class NotFoundError extends SaferError {
  readonly status = 404;
  readonly code = 'not-found';
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** An address or request no page could answer (a control character in it, say): nothing was looked up. */
export class BadRequestError extends SaferError {
  readonly status = 400;
  readonly code = 'bad-request';
  constructor() {
    super('There is a problem with the request');
    this.name = 'BadRequestError';
  }
}

/**
 * An address asking for what its page does not have (a month that is not one, or is not held): the page says why
 * and links to where to choose again, by default the same page without the choices in its address.
 */
export class AddressProblemError extends SaferError {
  readonly status = 400;
  readonly code = 'address-problem';
  readonly next: { text: string; href?: string };
  constructor(message: string, next: { text: string; href?: string }) {
    super(message);
    this.name = 'AddressProblemError';
    this.next = next;
  }
}

/** The signed-in person may reach the page but not make this change (for example, an action they do not own). */
export class NotPermittedError extends SaferError {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(message: string) {
    super(message);
    this.name = 'NotPermittedError';
  }
}

/** Someone else saved the record since it was read (optimistic concurrency). */
export class ConflictError extends SaferError {
  readonly status = 409;
  readonly code = 'conflict';
  /** The version now stored, so the form can offer to save over it once the user has looked. */
  readonly currentVersion: number;
  constructor(currentVersion: number) {
    super(
      'Someone else changed this record while you were editing it. Your changes have not been saved. Check the current details, then save again if you still want to make your changes.',
    );
    this.name = 'ConflictError';
    this.currentVersion = currentVersion;
  }
}

/** A rule that needs the database to check, reported against a form field. */
export class FieldValidationError extends SaferError {
  readonly status = 422;
  readonly code = 'invalid';
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'FieldValidationError';
    this.field = field;
  }
}

/** A request the rules refuse with something to say next to the form: shown on the form again, with what was typed. */
export type Refusal = FieldValidationError | ConflictError;

export function isRefusal(error: unknown): error is Refusal {
  return error instanceof FieldValidationError || error instanceof ConflictError;
}

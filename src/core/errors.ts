/** Errors that services raise and the web layer turns into pages or form messages. */

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** Someone else saved the record since it was read (optimistic concurrency). */
export class ConflictError extends Error {
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

/** The signed-in person may reach the page but not make this change (for example, an action they do not own). */
export class NotPermittedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotPermittedError';
  }
}

/** A rule that needs the database to check, reported against a form field. */
export class FieldValidationError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'FieldValidationError';
    this.field = field;
  }
}

/** What a service says when it refuses a write: the message it gives for the field. */
import assert from 'node:assert/strict';
import { FieldValidationError } from '../../src/platform/errors.ts';

export async function refusal(work: Promise<unknown>, field: string): Promise<string> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof FieldValidationError, `expected a refusal on ${field}, got ${String(error)}`);
  assert.equal(error.field, field);
  return error.message;
}

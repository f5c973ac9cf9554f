/** How a failed job is tried again: after 1, 2, 4, 8 minutes, then given up on the fifth failure. */
export const maxAttempts = 5;

const firstDelayMs = 60_000;

/** When to try again after the given number of attempts, or null to give up. */
export function retryAt(failedAt: Date, attempts: number): Date | null {
  if (attempts >= maxAttempts) return null;
  return new Date(failedAt.getTime() + firstDelayMs * 2 ** (attempts - 1));
}

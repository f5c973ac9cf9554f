/**
 * Where to go back to after a form or sign-in: only a path on this site. Parsing against a dummy
 * origin catches the tricks a prefix check misses ("//evil", "/\tevil", "/\\evil").
 */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/')) return null;
  // Browsers drop tabs and newlines from URLs and read a backslash as a slash.
  if ([...value].some((character) => character < ' ' || character === '\\')) return null;
  const origin = 'http://safer.invalid';
  try {
    const url = new URL(value, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

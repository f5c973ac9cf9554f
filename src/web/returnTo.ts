/**
 * Where to go back to after a form or sign-in: only a path on this site. Parsing against a dummy
 * origin catches the tricks a prefix check misses ("//evil", "/\tevil", "/\\evil"), and the path it
 * resolves to is checked again, because dot segments can leave one ("/.//evil" resolves to "//evil").
 */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/')) return null;
  // Browsers drop tabs and newlines from URLs and read a backslash as a slash.
  if ([...value].some((character) => character < ' ' || character === '\\')) return null;
  const origin = 'http://safer.invalid';
  const onThisSite = (path: string) => {
    const url = new URL(path, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : null;
  };
  try {
    const path = onThisSite(value);
    // A browser reads "//host" as another site: the path must start with exactly one slash, and read
    // again it must stay on this site as the same path.
    if (!path || path.startsWith('//') || onThisSite(path) !== path) return null;
    return path;
  } catch {
    return null;
  }
}

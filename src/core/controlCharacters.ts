/**
 * Control characters other than tab, line feed and carriage return: nothing a person types or a
 * spreadsheet writes, and PostgreSQL refuses NUL in text outright. Refused at every way in (forms,
 * addresses, CSV files) so that they never reach the database.
 */
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacter(text: string): boolean {
  return controlCharacter.test(text);
}

/** The line (from 1, counting LF, CRLF and CR as one break each) of the first control character, or null. */
export function lineOfControlCharacter(text: string): number | null {
  const found = controlCharacter.exec(text);
  return found ? text.slice(0, found.index).split(/\r\n|\n|\r/).length : null;
}

export const controlCharacterMessage = (label: string) => `${label} must not include control characters, such as a null byte`;

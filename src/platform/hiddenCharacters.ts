/**
 * Hidden characters: refused at every way in (forms, addresses, CSV files), with one message.
 * - Control characters other than tab, line feed and carriage return: nothing a person types or a spreadsheet
 *   writes, and PostgreSQL refuses NUL in text outright.
 * - The bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make text show in another
 *   order than it is stored and compared ("Trojan Source"), so that a record would read differently from what it says.
 * The invisible format characters (zero-width space, joiners, word joiner, byte order mark) belong inside some
 * words and emoji, so they are kept there; but a field of nothing else is empty.
 */
// eslint-disable-next-line no-control-regex
const hiddenCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const blank = /^(?:\s|\u200B|\u200C|\u200D|\u2060|\uFEFF)*$/;

export function hasHiddenCharacter(text: string): boolean {
  return hiddenCharacter.test(text);
}

/** The line (from 1, counting LF, CRLF and CR as one break each) of the first hidden character, or null. */
export function lineOfHiddenCharacter(text: string): number | null {
  const found = hiddenCharacter.exec(text);
  return found ? text.slice(0, found.index).split(/\r\n|\n|\r/).length : null;
}

const hiddenOrBreak = new RegExp(`${hiddenCharacter.source}|[\t\r\n]`, 'g');

/** The text with its hidden characters (and any tab or line break) taken out: for a name no one typed, such as an uploaded file's. */
export function withoutHiddenCharacters(text: string): string {
  return text.replace(hiddenOrBreak, '');
}

/** Whether text is empty once spaces and invisible characters are taken out. */
export function isBlank(text: string): boolean {
  return blank.test(text);
}

export const fromPasting = 'has a hidden character in it, perhaps from copying and pasting';

export const hiddenCharacterMessage = (label: string) => `${label} ${fromPasting}: type it again rather than pasting it`;

/** The same words for a line of a CSV file (the file a spreadsheet or a program wrote). */
export const hiddenCharacterInLine = (line: number) =>
  `Line ${line} of the file ${fromPasting}: type that line again rather than pasting it, and save the file as CSV`;

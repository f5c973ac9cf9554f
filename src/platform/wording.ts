/** Small rules of written English that pages built from parts must still follow. */

/** "a decision", "an action", "a user", "an hour": the article by the sound the noun starts with, near enough for our nouns. */
export function withArticle(noun: string): string {
  const soundsVowel = /^[aeiou]/i.test(noun) && !/^(u[bcfhjklmnpqrstvwxyz][aeiou]|eu|one)/i.test(noun);
  return `${soundsVowel || /^(hour|honest|honour)/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A typed reason or note as a sentence in running text: one full stop at its end, none added after its own ".", "!" or "?". */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) || trimmed === '' ? trimmed : `${trimmed}.`;
}

/** Items in running text: "A", "A and B", "A, B and C". */
export function listed(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

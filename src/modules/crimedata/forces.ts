/**
 * The police force area a police.uk file belongs to. police.uk names the force ("Leicestershire Police",
 * "City of London Police", "Metropolitan Police Service"); ONS names its area ("Leicestershire",
 * "London, City of", "Metropolitan Police"). Both are reduced to the words that tell forces apart.
 */
function forceWords(name: string): string {
  return forceAreaName(name)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\b(police|constabulary|service)\b/g, ' ')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/** The code of the force area whose name matches police.uk's "Falls within", or null (British Transport Police has none). */
export function forceAreaOf(fallsWithin: string, areas: readonly { forceCode: string; forceName: string }[]): string | null {
  const wanted = forceWords(fallsWithin);
  return areas.find((area) => forceWords(area.forceName) === wanted)?.forceCode ?? null;
}

/** A force area as a sentence says it: ONS's "London, City of" is the City of London. */
export function forceAreaName(onsName: string): string {
  return onsName.replace(/^(.*), (city of|county of)$/i, '$2 $1');
}

/** How an LSOA is named wherever it is listed: by its name as people read it, the code after it. */
import type { AreaLsoa } from './analysis/types.ts';

/** "Charnwood 003A (E01025785)"; the code alone when no name is known for it. */
export function lsoaLabel(code: string, name: string | null | undefined): string {
  return name && name !== code ? `${name} (${code})` : code;
}

/** Labels codes by the names of these LSOAs (one census edition's). */
export function lsoaLabeller(lsoas: readonly Pick<AreaLsoa, 'code' | 'name'>[]): (code: string) => string {
  const names = new Map(lsoas.map((lsoa) => [lsoa.code, lsoa.name]));
  return (code) => lsoaLabel(code, names.get(code));
}

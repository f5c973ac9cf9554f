/** The real police.uk street files the tests reproduce the figures from. */
import { join } from 'node:path';

const policeUk = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'policeuk');

/** The path of a force's street file for a month, as police.uk published it. */
export function streetFile(force: 'devon-and-cornwall' | 'leicestershire', month: string): Promise<string> {
  return Promise.resolve(join(policeUk, force, `${month}-${force}-street.csv`));
}

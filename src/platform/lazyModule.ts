/**
 * A large library that only some pages need (PDF, Word), required when first used rather than imported before the
 * server can answer; synchronous, so the functions that use it keep their signatures. Not for ES modules with
 * top-level await (Vega): those are loaded with `import()`.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}

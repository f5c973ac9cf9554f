import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Value = string | number;

/**
 * A query of one fixed shape, built and compiled by Kysely once per database and then run with each call's values.
 * Kysely builds and compiles a query afresh every time it runs; for the query every signed-in request makes (its
 * session), that cost several times what the database takes to answer it. The query is built with a marker for
 * each value, so each value must reach the query as a parameter (`where('id', '=', id)`), never as SQL text.
 */
export function compiledOnce<Values extends Value[], Row>(
  build: (db: Kysely<Database>, ...values: Values) => Compilable<Row>,
): (db: Kysely<Database>, ...values: Values) => Promise<Row[]> {
  const compiledFor = new WeakMap<Kysely<Database>, { query: CompiledQuery<Row>; from: number[] }>();
  const compile = (db: Kysely<Database>, count: number) => {
    // Markers no value a user sends can equal: they hold a NUL, which no address or form field may (query.ts).
    const markers = Array.from({ length: count }, (_, index) => `\u0000value ${index}\u0000`);
    const query = build(db, ...(markers as Values)).compile();
    const from = query.parameters.map((parameter) => markers.indexOf(parameter as string));
    const lost = markers.findIndex((_, index) => !from.includes(index));
    if (lost >= 0) throw new Error(`compiledOnce: value ${lost} is not a parameter of the query`);
    const compiled = { query, from };
    compiledFor.set(db, compiled);
    return compiled;
  };
  return async (db, ...values) => {
    const { query, from } = compiledFor.get(db) ?? compile(db, values.length);
    const parameters = query.parameters.map((parameter, index) => {
      const at = from[index] ?? -1;
      return at < 0 ? parameter : values[at];
    });
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}

/**
 * The queries an app makes, counted: a database handle whose queries (the query builder's and raw `sql`) are
 * each recorded as they run, for tests that hold a page to a number of queries (a count, never a time).
 */
import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import type { DatabaseHandle } from '../../src/db/createDb.ts';

export interface QueryCounter {
  /** The SQL of each query since the last reset, in order. */
  readonly queries: string[];
  reset(): void;
}

/** The same database, seen through a handle that records each query; closing it closes the database. */
export function countingQueries(handle: DatabaseHandle): { database: DatabaseHandle; counter: QueryCounter } {
  const queries: string[] = [];
  const executor = handle.db.getExecutor();
  const recorder: KyselyPlugin = {
    transformQuery({ node, queryId }: { node: RootOperationNode; queryId: QueryId }) {
      queries.push(executor.compileQuery(node, queryId).sql);
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  return {
    database: { ...handle, db: handle.db.withPlugin(recorder) },
    counter: { queries, reset: () => void queries.splice(0) },
  };
}

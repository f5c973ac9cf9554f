/**
 * The queries an app makes, counted: a database handle whose queries (the query builder's, raw `sql`, and those
 * compiled once and run as compiled: db/compiledOnce.ts) are each recorded as they run, for tests that hold a page
 * to a number of queries (a count, never a time).
 */
import { type CompiledQuery, type KyselyPlugin, type QueryId, type RootOperationNode, isCompilable } from 'kysely';
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
  const db = handle.db.withPlugin(recorder);
  // A query already compiled is run without the plugins seeing it again: it is recorded as it is handed over.
  const executeQuery = db.executeQuery.bind(db);
  db.executeQuery = <R>(query: CompiledQuery<R> | Parameters<typeof executeQuery>[0], queryId?: QueryId) => {
    if (!isCompilable(query)) queries.push(query.sql);
    return executeQuery(query as CompiledQuery<R>, queryId);
  };
  return {
    database: { ...handle, db },
    counter: { queries, reset: () => void queries.splice(0) },
  };
}

import { type Kysely, type RawBuilder, sql } from 'kysely';

/**
 * The distinct values of a text column among the rows `where` picks, in order: read by stepping along an index that
 * leads with the columns `where` fixes and then this column (a loose index scan, as a recursive query both engines
 * run), so its cost follows the number of values, not of rows. `table`, `column` and `where` are the caller's SQL.
 */
export async function distinctValues<DB>(db: Kysely<DB>, table: string, column: string, where: RawBuilder<unknown>): Promise<string[]> {
  const t = sql.table(table);
  const c = sql.ref(column);
  const { rows } = await sql<{ value: string | null }>`
    with recursive found (value) as (
      select min(${c}) from ${t} where ${where}
      union all
      select (select min(${c}) from ${t} where ${where} and ${c} > found.value) from found where found.value is not null
    )
    select value from found where value is not null`.execute(db);
  return rows.map((row) => row.value ?? '');
}

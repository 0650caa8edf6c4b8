import { getTableColumns, sql, type SQLWrapper } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/** D1 refuses a statement with more bound parameters than this (SQLite itself allows more). */
export const D1_MAX_BOUND_PARAMETERS = 100;

/**
 * A multi-row insert split into statements of at most 100 bound parameters, for one `db.batch`
 * (so the rows still land together or not at all). Counts every column of the table per row,
 * as drizzle binds one value for each, given or not.
 *
 * @example await db.batch([db.insert(examSessions).values(session), ...chunkedInsert(db, examVenues, venues)])
 */
export function chunkedInsert<T extends SQLiteTable>(db: Db, table: T, rows: T["$inferInsert"][]) {
  const perStatement = Math.max(1, Math.floor(D1_MAX_BOUND_PARAMETERS / Object.keys(getTableColumns(table)).length));
  const statements = [];
  for (let i = 0; i < rows.length; i += perStatement) statements.push(db.insert(table).values(rows.slice(i, i + perStatement)));
  return statements;
}

/**
 * `column in (…values)` bound as ONE parameter (a JSON array read by json_each), for lists that
 * may be longer than D1 binds in a statement (`inArray` binds one parameter per value).
 */
export const inJsonArray = (column: SQLWrapper, values: readonly string[]) => sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;

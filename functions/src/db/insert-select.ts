import { getTableColumns, getTableName, is, SQL, sql, type Column, type SQLChunk } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/**
 * A row for `insertSelect`, by drizzle column key: a plain value (bound, encoded by its column)
 * or an SQL expression over the tail's FROM (`sql\`u.grid_id\``). NOT NULL columns without a
 * default are required; the others may be left out.
 */
export type SelectedRow<T extends SQLiteTable> = { [K in keyof T["$inferInsert"]]: T["$inferInsert"][K] | SQL };

/**
 * `insert into <table> (<every column>) select <row> <tail>`, with the select list built in the
 * table's column order from a record, so adding or moving a column cannot shift a value into its
 * neighbour. Drizzle names every column of the table in an insert … select; a column the row
 * leaves out gets its default, or null. Insert … select is how a write carries its own guard:
 * the row lands only when the tail's FROM/WHERE finds it, in the same statement.
 *
 * @example insertSelect(db, taskSignups, { id, taskId: sql`t.id`, userId, status: "signed_up", signedUpAt: now }, sql`from tasks t where t.id = ${taskId}`)
 */
export function insertSelect<T extends SQLiteTable>(db: Db, table: T, row: SelectedRow<T>, tail?: SQL) {
  const select = sql.join([sql`select`, selectList(table, row as Record<string, unknown>), ...(tail ? [tail] : [])], sql` `);
  return db.insert(table).select(select);
}

function selectList(table: SQLiteTable, row: Record<string, unknown>): SQL {
  const columns: Record<string, Column> = getTableColumns(table);
  for (const key of Object.keys(row)) {
    if (!Object.hasOwn(columns, key)) throw new Error(`insertSelect: ${getTableName(table)} has no column ${key}`);
  }
  const values = Object.entries(columns)
    // As drizzle's insert: a generated column is not written (SQLite computes it).
    .filter(([, column]) => !column.generated || column.generated.type === "byDefault")
    .map(([key, column]) => {
      const value = row[key];
      if (value === undefined) return leftOut(table, column);
      return is(value, SQL) ? value : sql.param(value, column);
    });
  return sql.join(values, sql`, `);
}

/** What drizzle's own `values()` puts in a column it was given nothing for. */
function leftOut(table: SQLiteTable, column: Column): SQLChunk {
  if (column.default !== undefined) return is(column.default, SQL) ? column.default : sql.param(column.default, column);
  if (column.defaultFn) {
    const made = column.defaultFn();
    return is(made, SQL) ? made : sql.param(made, column);
  }
  if (column.notNull) throw new Error(`insertSelect: ${getTableName(table)}.${column.name} is NOT NULL and was given no value`);
  return sql`null`;
}

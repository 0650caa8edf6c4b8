import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/**
 * Opaque list cursors: the last row's sort value and id, so rows with equal sort values still page
 * cleanly. A cursor that does not decode is treated as "from the start".
 *
 * @example encodeCursor({ at: 1700000000000, id: "aud_x" }) // "MTcwMDAwMDAwMDAwMDphdWRfeA"
 */
export interface CursorPosition {
  at: number;
  id: string;
}

export function encodeCursor({ at, id }: CursorPosition): string {
  return btoa(`${at}:${id}`).replace(/=+$/, "");
}

export function decodeCursor(cursor: string | undefined | null): CursorPosition | null {
  if (!cursor) return null;
  try {
    const [at, id] = atob(cursor).split(":");
    return at && id && /^\d+$/.test(at) ? { at: Number(at), id } : null;
  } catch {
    return null;
  }
}

/** Splits `limit + 1` fetched rows into a page and the cursor for the next one. */
export function toPage<T>(rows: T[], limit: number, position: (row: T) => CursorPosition) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(position(items[items.length - 1]!)) : null };
}

/** Rows after `position` in newest-first order of (`at`, `id`); no condition without a cursor. */
export function olderThan(at: SQLiteColumn, id: SQLiteColumn, position: CursorPosition | null): SQL | undefined {
  if (!position) return undefined;
  return or(lt(at, position.at), and(eq(at, position.at), lt(id, position.id)));
}

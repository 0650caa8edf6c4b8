import { sql, type Column, type SQL } from "drizzle-orm";
import type { StaffPrincipal } from "../env";

/**
 * The one answer to "may this staff member see this grid": an admin sees every grid, a grid
 * worker only the grid they were given. A grid worker account nobody gave a grid yet sees none:
 * a missing setting must not widen what someone sees.
 *
 * @example if (!staffMaySeeGrid(actor, wish.gridId)) throw notFound("找不到这个心愿")
 */
export function staffMaySeeGrid(actor: StaffPrincipal, gridId: string | null): boolean {
  if (actor.role === "admin") return true;
  return actor.gridId !== null && gridId === actor.gridId;
}

/**
 * The same rule as a WHERE clause on `column` (a grid id column), for lists and guarded
 * statements: `undefined` (no restriction) for an admin, `column = <their grid>` for a grid
 * worker, and a clause matching nothing for a grid worker without a grid.
 *
 * @example db.select().from(wishes).where(and(staffGridScope(actor, wishes.gridId), eq(wishes.status, "open")))
 */
export function staffGridScope(actor: StaffPrincipal, column: Column | SQL): SQL | undefined {
  if (actor.role === "admin") return undefined;
  return actor.gridId !== null ? sql`${column} = ${actor.gridId}` : sql`0`;
}

import { and, asc, eq, sql } from "drizzle-orm";
import { assertAdmin } from "../auth/roles";
import type { Db } from "../db/client";
import { grids, users } from "../db/schema";
import type { Principal } from "../env";
import { volunteerName } from "./names";

export interface VolunteerChoice {
  userId: string;
  name: string;
  gridName: string | null;
}

/**
 * Volunteers an admin may pick from (pairing an elder with someone): residents in at least one
 * team now, of one grid or of every grid, by name. Admins only; no phone numbers, a name is
 * enough to choose.
 *
 * @example await activeVolunteers(db, admin, "grd_renxing_05")
 */
export async function activeVolunteers(db: Db, actor: Principal, gridId?: string): Promise<VolunteerChoice[]> {
  assertAdmin(actor);
  const name = volunteerName(users).as("volunteer_name");
  return db
    .select({ userId: users.id, name, gridName: grids.name })
    .from(users)
    .leftJoin(grids, eq(grids.id, users.gridId))
    .where(and(sql`exists (select 1 from team_members m where m.user_id = ${users.id} and m.status = 'active')`, gridId ? eq(users.gridId, gridId) : undefined))
    .orderBy(sql`volunteer_name`, asc(users.id))
    .limit(500);
}

import { toShanghaiIso } from "@renxing/shared";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { staffGridScope } from "../../auth/grid-scope";
import { assertStaff } from "../../auth/roles";
import type { Db } from "../../db/client";
import { careRecipients, grids, users } from "../../db/schema";
import { alias } from "drizzle-orm/sqlite-core";
import { volunteerName } from "../names";
import type { Principal } from "../../env";
import { DAY } from "./rules";
import type { OverdueCare } from "./types";

/** The volunteer of a pairing, inside the subquery below. */
const pairedUser = alias(users, "u");

/** A list a person reads in one go; the oldest come first, so nothing urgent is cut. */
const OVERDUE_LIMIT = 200;

/**
 * 逾期走访 (GET /admin/care/overdue): active recipients past their next due date, oldest due first,
 * with the volunteers paired now (empty: nobody will go unless staff act). Grid workers see their
 * grid. One query.
 *
 * @example await overdueCare(db, actor, Date.now())
 */
export async function overdueCare(db: Db, actor: Principal, now = Date.now()): Promise<OverdueCare> {
  assertStaff(actor);
  const rows = await db
    .select({
      id: careRecipients.id,
      name: careRecipients.name,
      gridId: careRecipients.gridId,
      gridName: sql<string>`${grids.name}`.as("grid_name"),
      address: careRecipients.address,
      phone: careRecipients.phone,
      riskLevel: careRecipients.riskLevel,
      needs: careRecipients.needs,
      endedAt: careRecipients.endedAt,
      lastVisitAt: careRecipients.lastVisitAt,
      nextDueAt: careRecipients.nextDueAt,
      volunteers: sql<string>`(select json_group_array(json_object('userId', p.user_id, 'name', ${volunteerName(pairedUser)}))
        from care_pairings p join users u on u.id = p.user_id where p.recipient_id = ${careRecipients.id})`.as("volunteers"),
    })
    .from(careRecipients)
    .innerJoin(grids, eq(grids.id, careRecipients.gridId))
    .where(and(eq(careRecipients.active, true), lt(careRecipients.nextDueAt, now), staffGridScope(actor, careRecipients.gridId)))
    .orderBy(asc(careRecipients.nextDueAt), asc(careRecipients.id))
    .limit(OVERDUE_LIMIT);
  return {
    items: rows.map((r) => ({
      ...r,
      active: true,
      endedAt: null,
      lastVisitAt: r.lastVisitAt === null ? null : toShanghaiIso(r.lastVisitAt),
      nextDueAt: toShanghaiIso(r.nextDueAt),
      overdue: true,
      daysOverdue: Math.floor((now - r.nextDueAt) / DAY),
      volunteers: JSON.parse(r.volunteers) as { userId: string; name: string }[],
    })),
  };
}

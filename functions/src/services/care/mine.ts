import { toShanghaiIso, type PairedRecipient } from "@renxing/shared";
import { and, asc, eq, sql } from "drizzle-orm";
import { residentBatch, signedInUserId, type Bearer } from "../../auth/session-batch";
import type { Db } from "../../db/client";
import { carePairings, careRecipients, grids } from "../../db/schema";

/**
 * 我的结对 (GET /me/care): the elders the signed-in volunteer is paired with now, with the address
 * and phone they need to call and visit; overdue first, then by the next due date. One round trip
 * with the session lookup.
 *
 * @example await myCare(db, bearer) // { items: PairedRecipient[] }
 */
export async function myCare(db: Db, bearer: Bearer): Promise<{ items: PairedRecipient[] }> {
  const now = bearer.now;
  const overdue = sql<number>`(${careRecipients.nextDueAt} < ${now})`;
  const [, [rows]] = await residentBatch(db, bearer, [
    db
      .select({
        id: careRecipients.id,
        name: careRecipients.name,
        gridName: sql<string>`${grids.name}`.as("grid_name"),
        address: careRecipients.address,
        phone: careRecipients.phone,
        riskLevel: careRecipients.riskLevel,
        lastVisitAt: careRecipients.lastVisitAt,
        nextDueAt: careRecipients.nextDueAt,
      })
      .from(carePairings)
      .innerJoin(careRecipients, and(eq(careRecipients.id, carePairings.recipientId), eq(careRecipients.active, true)))
      .innerJoin(grids, eq(grids.id, careRecipients.gridId))
      .where(eq(carePairings.userId, signedInUserId(bearer)))
      .orderBy(sql`${overdue} desc`, asc(careRecipients.nextDueAt), asc(careRecipients.id)),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      lastVisitAt: r.lastVisitAt === null ? null : toShanghaiIso(r.lastVisitAt),
      nextDueAt: toShanghaiIso(r.nextDueAt),
      overdue: r.nextDueAt < now,
    })),
  };
}

import { shanghaiDate, toShanghaiIso, type CareRecipientsQuery, type CareRiskLevel } from "@renxing/shared";
import { and, asc, eq, gt, or, sql, type SQL } from "drizzle-orm";
import { staffGridScope, staffMaySeeGrid } from "../../auth/grid-scope";
import { assertStaff } from "../../auth/roles";
import type { Db } from "../../db/client";
import { carePairings, careRecipients, grids, staff, users } from "../../db/schema";
import type { Principal } from "../../env";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { volunteerName } from "../names";
import { recipientNotFound } from "./rules";
import type { CareRecipientForStaff, CareRecipientList } from "./types";

/** The columns of a recipient as staff see it (the caller has checked the grid). */
export const staffColumns = {
  id: careRecipients.id,
  name: careRecipients.name,
  gridId: careRecipients.gridId,
  gridName: sql<string>`${grids.name}`.as("grid_name"),
  address: careRecipients.address,
  phone: careRecipients.phone,
  emergencyName: careRecipients.emergencyName,
  emergencyPhone: careRecipients.emergencyPhone,
  riskLevel: careRecipients.riskLevel,
  needs: careRecipients.needs,
  consentAt: careRecipients.consentAt,
  consentById: careRecipients.consentRecordedBy,
  consentByName: sql<string>`${staff.displayName}`.as("consent_by_name"),
  active: careRecipients.active,
  endedAt: careRecipients.endedAt,
  lastVisitAt: careRecipients.lastVisitAt,
  nextDueAt: careRecipients.nextDueAt,
  pairedCount: sql<number>`(select count(*) from care_pairings p where p.recipient_id = ${careRecipients.id})`.as("paired_count"),
};

type StaffRow = {
  id: string;
  name: string;
  gridId: string;
  gridName: string;
  address: string;
  phone: string;
  emergencyName: string;
  emergencyPhone: string;
  riskLevel: CareRiskLevel;
  needs: string | null;
  consentAt: number;
  consentById: string;
  consentByName: string;
  active: boolean;
  endedAt: number | null;
  lastVisitAt: number | null;
  nextDueAt: number;
  pairedCount: number;
};

const iso = (ms: number | null) => (ms === null ? null : toShanghaiIso(ms));

export function staffView(row: StaffRow, now: number): Omit<CareRecipientForStaff, "pairings"> {
  return {
    id: row.id,
    name: row.name,
    gridId: row.gridId,
    gridName: row.gridName,
    address: row.address,
    phone: row.phone,
    emergencyContact: { name: row.emergencyName, phone: row.emergencyPhone },
    riskLevel: row.riskLevel,
    needs: row.needs,
    consentAt: shanghaiDate(row.consentAt),
    consentRecordedBy: { id: row.consentById, name: row.consentByName },
    active: Boolean(row.active),
    endedAt: iso(row.endedAt),
    lastVisitAt: iso(row.lastVisitAt),
    nextDueAt: toShanghaiIso(row.nextDueAt),
    overdue: Boolean(row.active) && row.nextDueAt < now,
  };
}

function staffSelect(db: Db) {
  return db
    .select(staffColumns)
    .from(careRecipients)
    .innerJoin(grids, eq(grids.id, careRecipients.gridId))
    .innerJoin(staff, eq(staff.id, careRecipients.consentRecordedBy));
}

/**
 * One recipient with the volunteers paired now, for staff who may see its grid; 404 otherwise
 * (also for a grid worker of another grid: see recipientNotFound). One round trip.
 *
 * @example await careRecipientForStaff(db, actor, "cre_…")
 */
export async function careRecipientForStaff(db: Db, actor: Principal, id: string, now = Date.now()): Promise<CareRecipientForStaff> {
  assertStaff(actor);
  const [[row], pairings] = await db.batch([
    staffSelect(db).where(and(eq(careRecipients.id, id), staffGridScope(actor, careRecipients.gridId))),
    db
      .select({ userId: carePairings.userId, name: volunteerName(users).as("volunteer_name"), pairedAt: carePairings.pairedAt })
      .from(carePairings)
      .innerJoin(users, eq(users.id, carePairings.userId))
      .where(eq(carePairings.recipientId, id))
      .orderBy(asc(carePairings.pairedAt)),
  ]);
  if (!row || !staffMaySeeGrid(actor, row.gridId)) throw recipientNotFound();
  return { ...staffView(row, now), pairings: pairings.map((p) => ({ userId: p.userId, name: p.name, pairedAt: toShanghaiIso(p.pairedAt) })) };
}

/**
 * 关爱对象 for staff: a grid worker sees only their grid (a `gridId` filter for another grid finds
 * nothing). Filters by grid, risk level and `active`; ordered by the next due date, soonest (most
 * overdue) first, then id; cursor paging.
 *
 * @example await listCareRecipients(db, actor, { limit: 20, riskLevel: "high" }, Date.now())
 */
export async function listCareRecipients(db: Db, actor: Principal, query: CareRecipientsQuery, now = Date.now()): Promise<CareRecipientList> {
  assertStaff(actor);
  const after = decodeCursor(query.cursor);
  const rows = await staffSelect(db)
    .where(
      and(
        staffGridScope(actor, careRecipients.gridId),
        query.gridId ? eq(careRecipients.gridId, query.gridId) : undefined,
        query.riskLevel ? eq(careRecipients.riskLevel, query.riskLevel) : undefined,
        query.active ? eq(careRecipients.active, query.active === "true") : undefined,
        after ? (or(gt(careRecipients.nextDueAt, after.at), and(eq(careRecipients.nextDueAt, after.at), gt(careRecipients.id, after.id))) as SQL) : undefined,
      ),
    )
    .orderBy(asc(careRecipients.nextDueAt), asc(careRecipients.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((row) => ({ ...staffView(row, now), pairedCount: Number(row.pairedCount) }));
  const last = rows.length > query.limit ? rows[query.limit - 1]! : null;
  return { items, nextCursor: last ? encodeCursor({ at: last.nextDueAt, id: last.id }) : null };
}

import { beijingMidnight, shanghaiDate, type CareRecipientBody, type CareRecipientUpdateBody } from "@renxing/shared";
import { and, eq, sql } from "drizzle-orm";
import { staffGridScope, staffMaySeeGrid } from "../../auth/grid-scope";
import { assertStaff } from "../../auth/roles";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { carePairings, careRecipients, grids } from "../../db/schema";
import type { Principal, StaffPrincipal } from "../../env";
import { notFound, validationFailed } from "../../http/errors";
import { newId } from "../../lib/ids";
import { auditInsertWhen, staffActor } from "../audit";
import { careRecipientForStaff } from "./read";
import { intervalMs, recipientNotFound } from "./rules";
import type { CareRecipientForStaff } from "./types";

/** A grid worker may act only in their own grid: another grid is refused as if it did not exist (404). */
function assertMayUseGrid(actor: StaffPrincipal, gridId: string) {
  if (!staffMaySeeGrid(actor, gridId)) throw notFound("找不到这个网格");
}

function consentOf(body: CareRecipientBody, now: number): number {
  if (body.consentAt > shanghaiDate(now)) throw validationFailed([{ field: "consentAt", message: "同意日期不能晚于今天" }]);
  return beijingMidnight(body.consentAt);
}

const gridExists = (db: Db, gridId: string) => db.select({ id: grids.id }).from(grids).where(eq(grids.id, gridId));
const unknownGrid = () => validationFailed([{ field: "gridId", message: "没有这个网格" }]);

/**
 * Registers an elder with their consent (the date they agreed, recorded by the caller). The first
 * visit falls due one interval of the risk level after registration. Staff; a grid worker only
 * in their own grid. Audited in the same batch. Answers the recipient as GET shows it.
 *
 * @example await registerCareRecipient(db, actor, body, Date.now()) // → CareRecipientForStaff
 */
export async function registerCareRecipient(db: Db, actor: Principal, body: CareRecipientBody, now = Date.now()): Promise<CareRecipientForStaff> {
  assertStaff(actor);
  assertMayUseGrid(actor, body.gridId);
  const consentAt = consentOf(body, now);
  const id = newId("cre");
  const [grid] = await db.batch([
    gridExists(db, body.gridId),
    insertSelect(
      db,
      careRecipients,
      {
        id,
        name: body.name,
        gridId: sql`g.id`,
        address: body.address,
        phone: body.phone,
        emergencyName: body.emergencyContact.name,
        emergencyPhone: body.emergencyContact.phone,
        riskLevel: body.riskLevel,
        needs: body.needs || null,
        consentAt,
        consentRecordedBy: actor.id,
        active: true,
        nextDueAt: sql`${now} + ${intervalMs(sql`${body.riskLevel}`)}`,
        createdAt: now,
        updatedAt: now,
      },
      sql`from grids g where g.id = ${body.gridId}`,
    ),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "care.register", target: { kind: "care_recipient", id }, outcome: "ok", detail: { gridId: body.gridId, riskLevel: body.riskLevel } },
      sql`exists (select 1 from care_recipients where id = ${id})`,
      now,
    ),
  ]);
  if (grid.length === 0) throw unknownGrid();
  return careRecipientForStaff(db, actor, id, now);
}

/**
 * Changes a recipient's details (all fields, as at registration). A new risk level moves the next
 * due date to the last visit (or registration) plus its interval; a changed consent date is
 * recorded as the caller's. `active: false` ends care: `ended_at` is stamped and every pairing is
 * deleted in the same batch, so no volunteer sees the address any more. `active: true` on an
 * ended recipient resumes care, due one interval from now. A grid worker may edit only their
 * grid's recipients and keep them there (another grid → 404 / 400 as at registration).
 *
 * @example await updateCareRecipient(db, actor, id, { ...body, active: false }, Date.now())
 */
export async function updateCareRecipient(db: Db, actor: Principal, id: string, body: CareRecipientUpdateBody, now = Date.now()): Promise<CareRecipientForStaff> {
  assertStaff(actor);
  const consentAt = consentOf(body, now);
  const interval = intervalMs(sql`${body.riskLevel}`);
  const active = body.active === undefined ? sql`active` : sql`${body.active ? 1 : 0}`;
  const resumes = sql`(active = 0 and ${active} = 1)`;
  const ends = sql`(active = 1 and ${active} = 0)`;
  const scope = and(eq(careRecipients.id, id), staffGridScope(actor, careRecipients.gridId));
  // A grid worker moving an elder to another grid is refused before anything is written.
  if (!staffMaySeeGrid(actor, body.gridId)) {
    const [row] = await db.select({ id: careRecipients.id }).from(careRecipients).where(scope);
    if (!row) throw recipientNotFound();
    assertMayUseGrid(actor, body.gridId);
  }
  const [grid, updated] = await db.batch([
    gridExists(db, body.gridId),
    db
      .update(careRecipients)
      .set({
        name: body.name,
        gridId: body.gridId,
        address: body.address,
        phone: body.phone,
        emergencyName: body.emergencyContact.name,
        emergencyPhone: body.emergencyContact.phone,
        riskLevel: body.riskLevel,
        needs: body.needs || null,
        consentRecordedBy: sql`case when consent_at = ${consentAt} then consent_recorded_by else ${actor.id} end`,
        consentAt,
        active: sql`${active}`,
        endedAt: sql`case when ${ends} then ${now} when ${active} = 1 then null else ended_at end`,
        nextDueAt: sql`case when ${resumes} then ${now} + ${interval} else coalesce(last_visit_at, created_at) + ${interval} end`,
        updatedAt: now,
      })
      .where(and(scope, sql`exists (select 1 from grids where id = ${body.gridId})`))
      .returning({ id: careRecipients.id, active: careRecipients.active }),
    // Runs after the update: only a recipient now ended loses its pairings.
    db.delete(carePairings).where(and(eq(carePairings.recipientId, id), sql`exists (select 1 from care_recipients where id = ${id} and active = 0)`)),
    auditInsertWhen(
      db,
      {
        actor: staffActor(actor),
        action: body.active === false ? "care.end" : "care.update",
        target: { kind: "care_recipient", id },
        outcome: "ok",
        detail: { gridId: body.gridId, riskLevel: body.riskLevel, ...(body.active === undefined ? {} : { active: body.active }) },
      },
      sql`exists (select 1 from care_recipients where id = ${id} and updated_at = ${now})`,
      now,
    ),
  ]);
  if (grid.length === 0) throw unknownGrid();
  if (updated.length === 0) throw recipientNotFound();
  return careRecipientForStaff(db, actor, id, now);
}

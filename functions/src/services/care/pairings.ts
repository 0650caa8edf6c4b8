import { and, eq, sql } from "drizzle-orm";
import { assertAdmin } from "../../auth/roles";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { carePairings, careRecipients, teamMembers } from "../../db/schema";
import type { Principal } from "../../env";
import { ApiError } from "../../http/errors";
import { auditInsertWhen, staffActor } from "../audit";
import { recipientNotFound } from "./rules";

const pairingOf = (id: string, userId: string) => and(eq(carePairings.recipientId, id), eq(carePairings.userId, userId));

/**
 * 结对: pairs an active volunteer (an active member of any team) with an active recipient. Admin
 * only. The guarded insert decides; the reads in the same batch only say why nothing was written:
 * unknown recipient 404, ended care 409 CARE_ENDED, not a volunteer 422 NOT_A_VOLUNTEER. Pairing
 * again is no change (still 204) and audits nothing.
 *
 * @example await pairVolunteer(db, admin, "cre_…", "usr_…", Date.now())
 */
export async function pairVolunteer(db: Db, actor: Principal, id: string, userId: string, now = Date.now()): Promise<void> {
  assertAdmin(actor);
  const [[recipient], [volunteer]] = await db.batch([
    db.select({ active: careRecipients.active }).from(careRecipients).where(eq(careRecipients.id, id)),
    db.select({ userId: teamMembers.userId }).from(teamMembers).where(and(eq(teamMembers.userId, userId), eq(teamMembers.status, "active"))).limit(1),
    insertSelect(
      db,
      carePairings,
      { recipientId: sql`r.id`, userId, pairedBy: actor.id, pairedAt: now },
      sql`from care_recipients r where r.id = ${id} and r.active = 1
        and exists (select 1 from team_members m where m.user_id = ${userId} and m.status = 'active')`,
    ).onConflictDoNothing(),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "care.pair", target: { kind: "care_recipient", id }, outcome: "ok", detail: { userId } },
      sql`exists (select 1 from care_pairings where recipient_id = ${id} and user_id = ${userId} and paired_at = ${now} and paired_by = ${actor.id})`,
      now,
    ),
  ]);
  if (!recipient) throw recipientNotFound();
  if (!recipient.active) throw new ApiError(409, "CARE_ENDED", "这位老人的关爱服务已结束，不能再结对");
  if (!volunteer) throw new ApiError(422, "NOT_A_VOLUNTEER", "只能与在队的志愿者结对");
}

/**
 * Ends a pairing: the volunteer no longer sees the elder's address and phone, nor records visits.
 * Admin only; unknown recipient 404; a pairing that is already gone is no change (204, no audit).
 *
 * @example await unpairVolunteer(db, admin, "cre_…", "usr_…", Date.now())
 */
export async function unpairVolunteer(db: Db, actor: Principal, id: string, userId: string, now = Date.now()): Promise<void> {
  assertAdmin(actor);
  const [[recipient]] = await db.batch([
    db.select({ id: careRecipients.id }).from(careRecipients).where(eq(careRecipients.id, id)),
    // Before the delete, while the pairing is still there to be found.
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "care.unpair", target: { kind: "care_recipient", id }, outcome: "ok", detail: { userId } },
      sql`exists (select 1 from care_pairings where recipient_id = ${id} and user_id = ${userId})`,
      now,
    ),
    db.delete(carePairings).where(pairingOf(id, userId)),
  ]);
  if (!recipient) throw recipientNotFound();
}

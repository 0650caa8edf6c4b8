import { beijingMidnight, CARE_OVERDUE_ALERT_DAYS, shanghaiDate } from "@renxing/shared";
import { and, eq, gte, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { carePairings, careRecipients } from "../../db/schema";
import { notify } from "../notifications/notify";
import { visitDue, visitOverdue } from "./notices";
import { DAY } from "./rules";

/** A stamp and a few statements per notice: well inside one D1 batch. */
const PER_BATCH = 25;

type Statements = Parameters<Db["batch"]>[0];

async function runInBatches(db: Db, groups: Statements[number][][]) {
  for (let i = 0; i < groups.length; i += PER_BATCH) {
    const statements = groups.slice(i, i + PER_BATCH).flat();
    if (statements.length > 0) await db.batch(statements as unknown as Statements);
  }
}

/**
 * At the 18:00 Beijing reminder cron: every volunteer paired with an elder whose visit falls due
 * TOMORROW (Beijing) is reminded (`visit_due`), once per due date. One read finds the pairings;
 * then per recipient a guarded update stamps `due_reminded_for` with the due date, and each
 * volunteer's notice is written only while the elder is still due then and the volunteer still
 * paired (read in its own statement). The event key carries the due date: a second or parallel
 * run writes nothing again.
 *
 * @example await remindCareVisits(db, controller.scheduledTime) // { recipients: 2, notices: 3 }
 */
export async function remindCareVisits(db: Db, now: number): Promise<{ recipients: number; notices: number }> {
  const from = beijingMidnight(shanghaiDate(now)) + DAY;
  const pairs = await db
    .select({ id: careRecipients.id, nextDueAt: careRecipients.nextDueAt, userId: carePairings.userId })
    .from(careRecipients)
    .innerJoin(carePairings, eq(carePairings.recipientId, careRecipients.id))
    .where(and(eq(careRecipients.active, true), gte(careRecipients.nextDueAt, from), lt(careRecipients.nextDueAt, from + DAY), sql`${careRecipients.dueRemindedFor} is not ${careRecipients.nextDueAt}`));
  const byRecipient = new Map<string, typeof pairs>();
  for (const pair of pairs) byRecipient.set(pair.id, [...(byRecipient.get(pair.id) ?? []), pair]);
  const groups = [...byRecipient.entries()].map(([id, volunteers]) => {
    const nextDueAt = volunteers[0]!.nextDueAt;
    const stillDue = sql`r.id = ${id} and r.active = 1 and r.next_due_at = ${nextDueAt} and r.due_reminded_for = ${nextDueAt}`;
    return [
      db
        .update(careRecipients)
        .set({ dueRemindedFor: nextDueAt })
        .where(and(eq(careRecipients.id, id), eq(careRecipients.active, true), eq(careRecipients.nextDueAt, nextDueAt))),
      ...volunteers.flatMap(({ userId }) =>
        notify(db, visitDue(id, sql`(select p.user_id from care_pairings p join care_recipients r on r.id = p.recipient_id where ${stillDue} and p.user_id = ${userId})`, nextDueAt, now), now),
      ),
    ];
  });
  await runInBatches(db, groups);
  return { recipients: byRecipient.size, notices: pairs.length };
}

/**
 * At the 15-minute cron: the grid's watchers (its grid workers, else the admins) hear of every
 * active elder whose visit is CARE_OVERDUE_ALERT_DAYS or more overdue (`visit_overdue`), once per
 * due date: the guarded update stamps `overdue_alerted_for`, the notice needs the stamp and the
 * due date unchanged, and its event key carries the due date.
 *
 * @example await alertOverdueCare(db, controller.scheduledTime) // { recipients: 1 }
 */
export async function alertOverdueCare(db: Db, now: number): Promise<{ recipients: number }> {
  const due = await db
    .select({ id: careRecipients.id, nextDueAt: careRecipients.nextDueAt })
    .from(careRecipients)
    .where(and(eq(careRecipients.active, true), lte(careRecipients.nextDueAt, now - CARE_OVERDUE_ALERT_DAYS * DAY), sql`${careRecipients.overdueAlertedFor} is not ${careRecipients.nextDueAt}`));
  const groups = due.map(({ id, nextDueAt }) => [
    db
      .update(careRecipients)
      .set({ overdueAlertedFor: nextDueAt })
      .where(and(eq(careRecipients.id, id), eq(careRecipients.active, true), eq(careRecipients.nextDueAt, nextDueAt))),
    ...notify(db, visitOverdue(id, sql`r.active = 1 and r.next_due_at = ${nextDueAt} and r.overdue_alerted_for = ${nextDueAt}`, nextDueAt, Math.floor((now - nextDueAt) / DAY), now), now),
  ]);
  await runInBatches(db, groups);
  return { recipients: due.length };
}

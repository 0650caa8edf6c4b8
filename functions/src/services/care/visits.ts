import { toShanghaiIso, type VisitBody, type VisitFlag } from "@renxing/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import { staffMaySeeGrid } from "../../auth/grid-scope";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { careRecipients, careVisits, serviceHours, users } from "../../db/schema";
import type { Principal, ResidentPrincipal } from "../../env";
import { ApiError } from "../../http/errors";
import { newId } from "../../lib/ids";
import { volunteerName } from "../names";
import { notify } from "../notifications/notify";
import { visitConcern } from "./notices";
import { intervalMs, recipientNotFound } from "./rules";
import type { CareVisit } from "./types";

/** A phone's clock may run a little ahead of ours. */
const CLOCK_SKEW_MS = 10 * 60_000;

const visitColumns = {
  id: careVisits.id,
  recipientId: careVisits.recipientId,
  userId: careVisits.userId,
  volunteerName: volunteerName(users).as("volunteer_name"),
  visitedAt: careVisits.visitedAt,
  minutes: careVisits.minutes,
  outcome: careVisits.outcome,
  flags: careVisits.flags,
  note: careVisits.note,
  createdAt: careVisits.createdAt,
};

interface VisitRow {
  id: string;
  recipientId: string;
  userId: string;
  volunteerName: string;
  visitedAt: number;
  minutes: number;
  outcome: CareVisit["outcome"];
  flags: string;
  note: string | null;
  createdAt: number;
}

function visitView(row: VisitRow): CareVisit {
  return {
    id: row.id,
    recipientId: row.recipientId,
    volunteer: { id: row.userId, name: row.volunteerName },
    visitedAt: toShanghaiIso(row.visitedAt),
    minutes: row.minutes,
    outcome: row.outcome,
    flags: JSON.parse(row.flags) as VisitFlag[],
    note: row.note,
    createdAt: toShanghaiIso(row.createdAt),
  };
}

/** The volunteer `userId` is paired with the recipient now (SQL over `care_recipients`' id). */
const pairedNow = (recipientId: string, userId: string | ReturnType<typeof sql>) =>
  sql`exists (select 1 from care_pairings p where p.recipient_id = ${recipientId} and p.user_id = ${userId})`;

/**
 * A paired volunteer records a visit (POST /care/:recipientId/visits). One batch, one round trip
 * after the sign-in: the visit (only while paired now; a repeat of the same volunteer, elder and
 * moment is ignored by the unique index), the hours for a `visited` visit (once per visit id),
 * the due date moved on by a `visited` visit newer than the last one (reminder stamps cleared),
 * and the grid's watchers told of `no_answer` or any flag (once: the key is the visit id, which
 * only the request that wrote the visit holds). The visit is then read back by its natural key:
 * `created` false means it was already there (answer 200, nothing credited twice).
 *
 * @example const { visit, created } = await recordVisit(db, volunteer, "cre_…", body, Date.now())
 */
export async function recordVisit(db: Db, actor: ResidentPrincipal, recipientId: string, body: VisitBody, now = Date.now()): Promise<{ visit: CareVisit; created: boolean }> {
  const visitedAt = Date.parse(body.visitedAt);
  if (visitedAt > now + CLOCK_SKEW_MS) throw new ApiError(422, "VISIT_IN_FUTURE", "走访时间不能晚于现在");
  const id = newId("cvs");
  const written = sql`exists (select 1 from care_visits v where v.id = ${id} and v.outcome = 'visited')`;
  const concern = body.outcome === "no_answer" || body.flags.length > 0;
  const [, , , ...rest] = await db.batch([
    insertSelect(
      db,
      careVisits,
      {
        id,
        recipientId: sql`r.id`,
        userId: actor.id,
        visitedAt,
        minutes: body.minutes,
        outcome: body.outcome,
        flags: JSON.stringify([...new Set(body.flags)]),
        note: body.note || null,
        createdAt: now,
      },
      sql`from care_recipients r where r.id = ${recipientId} and r.active = 1 and ${pairedNow(recipientId, actor.id)}`,
    ).onConflictDoNothing(),
    insertSelect(
      db,
      serviceHours,
      { id: newId("hrs"), userId: actor.id, source: "care", sourceId: sql`v.id`, minutes: sql`v.minutes`, title: sql`'关爱走访：' || r.name`, at: sql`v.visited_at`, createdAt: now },
      sql`from care_visits v join care_recipients r on r.id = v.recipient_id where v.id = ${id} and v.outcome = 'visited'`,
    ).onConflictDoNothing(),
    db
      .update(careRecipients)
      .set({
        lastVisitAt: visitedAt,
        nextDueAt: sql`${visitedAt} + ${intervalMs(sql`risk_level`)}`,
        dueRemindedFor: null,
        overdueAlertedFor: null,
        updatedAt: now,
      })
      .where(and(eq(careRecipients.id, recipientId), sql`(last_visit_at is null or last_visit_at < ${visitedAt})`, written)),
    ...(concern ? notify(db, visitConcern({ id, recipientId, outcome: body.outcome, flags: body.flags, visitedAt }, now), now) : []),
    db
      .select(visitColumns)
      .from(careVisits)
      .innerJoin(users, eq(users.id, careVisits.userId))
      .where(and(eq(careVisits.recipientId, recipientId), eq(careVisits.userId, actor.id), eq(careVisits.visitedAt, visitedAt), pairedNow(recipientId, actor.id))),
  ] as const as unknown as Parameters<Db["batch"]>[0]);
  const [row] = rest[rest.length - 1] as VisitRow[];
  if (!row) throw recipientNotFound();
  return { visit: visitView(row), created: row.id === id };
}

/**
 * A recipient's visits, newest first (GET /care/:recipientId/visits): for the volunteers paired
 * now and staff who may see the grid; 404 for anyone else. One round trip.
 *
 * @example await listVisits(db, actor, "cre_…")
 */
export async function listVisits(db: Db, actor: Principal, recipientId: string): Promise<{ items: CareVisit[] }> {
  const [[recipient], rows] = await db.batch([
    db
      .select({ gridId: careRecipients.gridId, paired: sql<number>`${actor.kind === "user" ? pairedNow(recipientId, actor.id) : sql`0`}`.as("paired") })
      .from(careRecipients)
      .where(eq(careRecipients.id, recipientId)),
    db
      .select(visitColumns)
      .from(careVisits)
      .innerJoin(users, eq(users.id, careVisits.userId))
      .where(eq(careVisits.recipientId, recipientId))
      .orderBy(desc(careVisits.visitedAt), desc(careVisits.id))
      .limit(VISIT_HISTORY_LIMIT),
  ]);
  const allowed = recipient && (actor.kind === "staff" ? staffMaySeeGrid(actor, recipient.gridId) : Boolean(recipient.paired));
  if (!allowed) throw recipientNotFound();
  return { items: rows.map(visitView) };
}

/** A weekly visit for four years; the console pages nothing older. */
const VISIT_HISTORY_LIMIT = 200;

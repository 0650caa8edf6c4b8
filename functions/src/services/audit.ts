import { desc, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { insertSelect } from "../db/insert-select";
import { auditLog } from "../db/schema";
import { decodeCursor, olderThan, toPage } from "../lib/cursor";
import { newId } from "../lib/ids";

export interface AuditEntry {
  actor: { kind: "staff" | "user" | "system" | "anonymous"; id?: string | null; label?: string | null };
  /** Dotted verb, e.g. `staff.login`, `application.approve`. */
  action: string;
  target?: { kind: string; id: string };
  outcome: "ok" | "denied" | "failed";
  /** Extra facts worth keeping; never a password, token or a resident's contact details. */
  detail?: Record<string, unknown>;
}

/** The audit actor for a staff member. */
export const staffActor = (p: { id: string; username: string }) => ({ kind: "staff" as const, id: p.id, label: p.username });

function auditValues(entry: AuditEntry, now: number): typeof auditLog.$inferInsert {
  return {
    id: newId("aud"),
    at: now,
    actorKind: entry.actor.kind,
    actorId: entry.actor.id ?? null,
    actorLabel: entry.actor.label ?? null,
    action: entry.action,
    targetKind: entry.target?.kind ?? null,
    targetId: entry.target?.id ?? null,
    outcome: entry.outcome,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
}

/**
 * The insert for one audit entry, not yet run: put it in the same `db.batch` as the action it
 * records, so an action and its entry land together or not at all.
 *
 * @example await db.batch([approve, auditInsert(db, { actor, action: "application.approve", outcome: "ok" })])
 */
export function auditInsert(db: Db, entry: AuditEntry, now = Date.now()) {
  return db.insert(auditLog).values(auditValues(entry, now));
}

/**
 * Like `auditInsert`, but written only when `condition` holds when the statement runs: for a
 * batch whose guarded UPDATE may change nothing, the entry records only what really happened.
 */
export function auditInsertWhen(db: Db, entry: AuditEntry, condition: SQL, now = Date.now()) {
  return insertSelect(db, auditLog, auditValues(entry, now), sql`where ${condition}`);
}

/**
 * One entry per row that `targets` (a SELECT with an `id` column) finds when the statement runs:
 * for a batch step that changes rows whose ids are not known beforehand. Put it before the
 * step, while `targets` still finds the rows. Ids are made in SQL (`aud_` and 20 hex digits).
 *
 * @example auditInsertEach(db, { actor, action: "ride.release", outcome: "ok" }, "ride", sql`select id from rides where driver_user_id = ${id}`)
 */
export function auditInsertEach(db: Db, entry: Omit<AuditEntry, "target">, targetKind: string, targets: SQL, now = Date.now()) {
  return insertSelect(
    db,
    auditLog,
    { ...auditValues(entry, now), id: sql`'aud_' || lower(hex(randomblob(10)))`, targetKind, targetId: sql`t.id` },
    sql`from (${targets}) t`,
  );
}

export interface AuditPage {
  items: (typeof auditLog.$inferSelect)[];
  nextCursor: string | null;
}

/** The audit log, newest first, one page per call. A bad cursor starts from the top. */
export async function listAudit(db: Db, options: { cursor?: string; limit?: number } = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
  const rows = await db
    .select()
    .from(auditLog)
    .where(olderThan(auditLog.at, auditLog.id, decodeCursor(options.cursor)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => row);
}

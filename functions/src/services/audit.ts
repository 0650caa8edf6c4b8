import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
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

/**
 * The insert for one audit entry, not yet run: put it in the same `db.batch` as the action it
 * records, so an action and its entry land together or not at all.
 *
 * @example await db.batch([approve, auditInsert(db, { actor, action: "application.approve", outcome: "ok" })])
 */
export function auditInsert(db: Db, entry: AuditEntry, now = Date.now()) {
  return db.insert(auditLog).values({
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
  });
}

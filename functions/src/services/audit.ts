import { and, desc, eq, lt, or } from "drizzle-orm";
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

export interface AuditPage {
  items: (typeof auditLog.$inferSelect)[];
  nextCursor: string | null;
}

/** Cursor for the next page: the last row's time and id, so equal timestamps still page cleanly. */
const encodeCursor = (row: { at: number; id: string }) => btoa(`${row.at}:${row.id}`);
function decodeCursor(cursor: string | undefined): { at: number; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = atob(cursor).split(":");
    return at && id && /^\d+$/.test(at) ? { at: Number(at), id } : null;
  } catch {
    return null;
  }
}

/** The audit log, newest first, one page per call. A bad cursor starts from the top. */
export async function listAudit(db: Db, options: { cursor?: string; limit?: number } = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
  const after = decodeCursor(options.cursor);
  const rows = await db
    .select()
    .from(auditLog)
    .where(after ? or(lt(auditLog.at, after.at), and(eq(auditLog.at, after.at), lt(auditLog.id, after.id))) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!) : null };
}

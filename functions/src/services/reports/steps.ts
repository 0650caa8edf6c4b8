import type { ReportEventKind, ReportLevel } from "@renxing/shared";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { reportEvents } from "../../db/schema";
import type { Principal } from "../../env";
import { newId } from "../../lib/ids";
import { auditInsertWhen, staffActor, type AuditEntry } from "../audit";

/**
 * Every transition of a report stamps `reports.last_step` with a fresh step id in its guarded
 * UPDATE. What must land with it (the timeline row, the notifications, the audit entry) is
 * guarded by `stepTaken`: written only when this request's UPDATE won, never by a losing racer.
 */
export const newStep = () => newId("stp");

export const stepTaken = (reportId: string, step: string) => sql`exists (select 1 from reports where id = ${reportId} and last_step = ${step})`;

/** Who took a step, as the timeline and the audit log name them. */
export type ReportActor = Principal | { kind: "system" } | { kind: "open311"; keyId: string; name: string };

function actorColumns(actor: ReportActor) {
  switch (actor.kind) {
    case "staff":
      return { actorKind: "staff" as const, actorId: actor.id, actorLabel: actor.displayName };
    case "user":
      return { actorKind: "user" as const, actorId: actor.id, actorLabel: "居民" };
    case "system":
      return { actorKind: "system" as const, actorId: null, actorLabel: "系统" };
    case "open311":
      return { actorKind: "open311" as const, actorId: actor.keyId, actorLabel: actor.name };
  }
}

export function auditActor(actor: ReportActor): AuditEntry["actor"] {
  switch (actor.kind) {
    case "staff":
      return staffActor(actor);
    case "user":
      return { kind: "user", id: actor.id };
    case "system":
      return { kind: "system" };
    case "open311":
      return { kind: "system", id: actor.keyId, label: `open311:${actor.name}` };
  }
}

export interface TimelineEntry {
  kind: ReportEventKind;
  text: string | SQL;
  /** The level the step happened at; by default the report's level after the step. */
  level?: ReportLevel | SQL;
  /** Whether the reporter (and, for a public report, everyone) sees it. */
  public: boolean;
  /** Written only if this also holds of the report after the step (`r`), e.g. which way a rating went. */
  when?: SQL;
}

/** The timeline row of a step, written only when the step was taken. */
export function timelineRow(db: Db, reportId: string, step: string, actor: ReportActor, entry: TimelineEntry, now: number) {
  return insertSelect(
    db,
    reportEvents,
    {
      id: newId("rev"),
      reportId,
      at: now,
      kind: entry.kind,
      text: entry.text,
      level: entry.level ?? sql`r.level`,
      public: entry.public,
      ...actorColumns(actor),
    },
    sql`from reports r where r.id = ${reportId} and r.last_step = ${step}${entry.when ? sql` and ${entry.when}` : sql``}`,
  );
}

/** The audit entry of a step, written only when the step was taken. */
export function auditStep(db: Db, reportId: string, step: string, actor: ReportActor, action: string, detail: Record<string, unknown> | undefined, now: number) {
  return auditInsertWhen(db, { actor: auditActor(actor), action, target: { kind: "report", id: reportId }, outcome: "ok", detail }, stepTaken(reportId, step), now);
}

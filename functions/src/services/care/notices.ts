import { VISIT_FLAG_LABEL, VISIT_OUTCOME_LABEL, type VisitFlag, type VisitOutcome } from "@renxing/shared";
import { sql, type SQL } from "drizzle-orm";
import { noticeTime } from "../notifications/messages";
import type { Notice } from "../notifications/notify";
import { recipientConsolePage } from "./rules";

/**
 * What care tells people. Staff are told by the elder's name (they may see everything); the
 * volunteer's reminder names the elder too, never the address or phone (those stay on 我的结对).
 */

/**
 * The staff who look after the elder's grid: its grid workers, or the community admins when the
 * grid has no grid worker, so a worrying visit always reaches someone. `guard` (SQL over alias
 * `r`, the recipient) must hold for anyone to be told.
 */
export function gridWatchers(recipientId: string, guard: SQL): SQL {
  return sql`select s.id from staff s join care_recipients r on r.id = ${recipientId} and ${guard}
    where (s.role = 'grid_worker' and s.grid_id = r.grid_id)
       or (s.role = 'admin' and not exists (select 1 from staff w where w.role = 'grid_worker' and w.grid_id = r.grid_id))`;
}

const elderName = (recipientId: string) => sql`(select name from care_recipients where id = ${recipientId})`;

/** A visit that found no one home or something wrong: told once per visit (the key is its id). */
export function visitConcern(visit: { id: string; recipientId: string; outcome: VisitOutcome; flags: VisitFlag[]; visitedAt: number }, now: number): Notice {
  const found = [...(visit.outcome === "visited" ? [] : [VISIT_OUTCOME_LABEL[visit.outcome]]), ...visit.flags.map((f) => VISIT_FLAG_LABEL[f])].join("、");
  return {
    kind: "visit_overdue",
    // Only when this request wrote the visit: a repeat finds no row with this id.
    to: { staffIn: gridWatchers(visit.recipientId, sql`exists (select 1 from care_visits v where v.id = ${visit.id})`) },
    eventKey: `visit_concern:${visit.id}`,
    title: "走访发现情况",
    body: sql`${elderName(visit.recipientId)} || '：' || ${found} || '，请尽快跟进。'`,
    page: recipientConsolePage(visit.recipientId),
    template: { title: elderName(visit.recipientId), body: found, status: "待跟进", time: noticeTime(visit.visitedAt) },
  };
}

/** The evening before a visit falls due, to each volunteer paired now; once per due date. */
export function visitDue(recipientId: string, userId: SQL, dueAt: number, now: number): Notice {
  return {
    kind: "visit_due",
    to: { user: userId },
    eventKey: `visit_due:${recipientId}:${dueAt}`,
    title: "明日走访提醒",
    body: sql`'明天该去看望' || ${elderName(recipientId)} || '了，走访后记得在“我的结对”里登记。'`,
    page: "/pages/my-care/index",
    template: { title: elderName(recipientId), body: "明天该去走访了", status: "待走访", time: noticeTime(dueAt) },
  };
}

/** To the grid's watchers when a visit is `days` overdue; once per due date. */
export function visitOverdue(recipientId: string, guard: SQL, dueAt: number, days: number, now: number): Notice {
  return {
    kind: "visit_overdue",
    to: { staffIn: gridWatchers(recipientId, guard) },
    eventKey: `visit_overdue:${recipientId}:${dueAt}`,
    title: "走访已逾期",
    body: sql`${elderName(recipientId)} || '的走访已逾期 ' || ${String(days)} || ' 天，请联系结对志愿者或上门看望。'`,
    page: recipientConsolePage(recipientId),
    template: { title: elderName(recipientId), body: `逾期${days}天`, status: "已逾期", time: noticeTime(now) },
  };
}

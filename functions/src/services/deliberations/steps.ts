import { DELIBERATION_STAGE_LABEL } from "@renxing/shared";
import { sql, type SQL } from "drizzle-orm";
import { newId } from "../../lib/ids";
import { noticeTime } from "../notifications/messages";
import type { Notice } from "../notifications/notify";
import { topicPage } from "./records";

/**
 * As for reports (services/reports/steps.ts): every stage change stamps `deliberations.last_step`
 * with a fresh step id in its guarded UPDATE, and what must land with it (the timeline row, the
 * notifications, the audit entry) is guarded by `stepTaken`, so a losing racer writes nothing.
 */
export const newStep = () => newId("stp");

export const stepTaken = (topicId: string, step: string) => sql`exists (select 1 from deliberations where id = ${topicId} and last_step = ${step})`;

/** The topic's title, read in the statement that tells someone. */
export const topicTitle = (topicId: string) => sql`(select title from deliberations where id = ${topicId})`;

/** The label of the stage the topic is in when the statement runs: closing a vote may land on either of two. */
export const stageLabelNow = (topicId: string): SQL =>
  sql`(select case stage ${sql.join(
    Object.entries(DELIBERATION_STAGE_LABEL).map(([stage, label]) => sql`when ${stage} then ${label}`),
    sql` `,
  )} end from deliberations where id = ${topicId})`;

/**
 * Tells one resident who took part in a topic that it moved (`deliberation_stage`), only when
 * `step` was taken; the event key makes it once per step and person, however often it is raced.
 */
export function stageNotice(topicId: string, step: string, userId: string, note: string | null, now: number): Notice {
  const label = stageLabelNow(topicId);
  const said = note ? sql` || '：' || ${note}` : sql``;
  return {
    kind: "deliberation_stage",
    to: { user: sql`(select ${userId} where ${stepTaken(topicId, step)})` },
    eventKey: `deliberation_stage:${topicId}:${step}`,
    title: sql`'议事进展：' || ${label}`,
    body: sql`'你参与的议题“' || ${topicTitle(topicId)} || '”进入“' || ${label} || '”阶段'${said}`,
    page: topicPage(topicId),
    template: { title: topicTitle(topicId), body: note ?? "议题有新进展", status: label, time: noticeTime(now) },
  };
}

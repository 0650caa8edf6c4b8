import { toShanghaiIso, type AnswerBody, type ContentCheck, type DeliberationDetail, type ObjectionBody } from "@renxing/shared";
import { and, eq, isNull, sql } from "drizzle-orm";
import { assertAdmin } from "../../auth/roles";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { deliberationObjections, deliberations } from "../../db/schema";
import type { Env, Principal, ResidentPrincipal } from "../../env";
import { ApiError, notFound } from "../../http/errors";
import { newId } from "../../lib/ids";
import { auditInsertWhen, staffActor } from "../audit";
import { noticeTime } from "../notifications/messages";
import { notify } from "../notifications/notify";
import { checkContent } from "../wechat/content-check";
import { detailOf, detailReads, topicMissing, type DetailRows } from "./read";
import { topicPage } from "./records";
import { topicTitle } from "./steps";

/** An objection as its author gets it back; never anyone's identity. */
export interface LodgedObjection {
  id: string;
  text: string;
  contentCheck: ContentCheck;
  createdAt: string;
}

/**
 * A resident objects to a resolution during publicity (POST /deliberations/:id/objections). The
 * text is checked as a public report's description is (risky → 422 `CONTENT_REJECTED`, nothing
 * saved); `review`/`unavailable` is saved and its text kept from the public until staff answer it.
 * The insert is guarded by the stage when it runs; outside `publicized` → 409 `NOT_IN_PUBLICITY`.
 *
 * @example await lodgeObjection(db, env, resident, "dlb_…", { text: "施工时间请避开中高考" }, Date.now())
 */
export async function lodgeObjection(db: Db, env: Env, resident: ResidentPrincipal, topicId: string, body: ObjectionBody, now = Date.now()): Promise<LodgedObjection> {
  const contentCheck = await checkContent(db, env, { openid: resident.openid, scene: "forum", content: body.text });
  const id = newId("dob");
  const [written, [topic]] = await db.batch([
    insertSelect(
      db,
      deliberationObjections,
      { id, deliberationId: topicId, userId: resident.id, text: body.text, contentCheck, createdAt: now },
      sql`where exists (select 1 from deliberations where id = ${topicId} and stage = 'publicized')`,
    ).returning({ id: deliberationObjections.id }),
    db.select({ stage: deliberations.stage }).from(deliberations).where(eq(deliberations.id, topicId)),
  ]);
  if (written[0]) return { id, text: body.text, contentCheck, createdAt: toShanghaiIso(now) };
  if (!topic) throw topicMissing();
  throw new ApiError(409, "NOT_IN_PUBLICITY", "只有决议公示期间才能提出异议");
}

/**
 * An admin answers an objection (POST /admin/deliberations/:id/objections/:oid/answer), once: a
 * guarded UPDATE (`answer is null`); the objector is told (`deliberation_stage`) and the answer
 * audited only when this request's answer is the one stored. Answers with the topic as now.
 * Already answered → 409 `ALREADY_ANSWERED`; no such objection on this topic → 404.
 */
export async function answerObjection(db: Db, actor: Principal, topicId: string, objectionId: string, body: AnswerBody, now = Date.now()): Promise<DeliberationDetail> {
  assertAdmin(actor);
  const mine = sql`exists (select 1 from deliberation_objections where id = ${objectionId} and answered_at = ${now} and answered_by = ${actor.id} and answer = ${body.answer})`;
  const [changed, [objection], ...rest] = await db.batch([
    db
      .update(deliberationObjections)
      .set({ answer: body.answer, answeredBy: actor.id, answeredAt: now })
      .where(and(eq(deliberationObjections.id, objectionId), eq(deliberationObjections.deliberationId, topicId), isNull(deliberationObjections.answer)))
      .returning({ id: deliberationObjections.id }),
    db
      .select({ id: deliberationObjections.id })
      .from(deliberationObjections)
      .where(and(eq(deliberationObjections.id, objectionId), eq(deliberationObjections.deliberationId, topicId))),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "deliberation.answer", target: { kind: "deliberation", id: topicId }, outcome: "ok", detail: { objectionId } },
      mine,
      now,
    ),
    ...notify(
      db,
      {
        kind: "deliberation_stage",
        to: { user: sql`(select user_id from deliberation_objections where id = ${objectionId} and ${mine})` },
        eventKey: `deliberation_answer:${objectionId}`,
        title: "你的异议已答复",
        body: sql`'你对议题“' || ${topicTitle(topicId)} || '”的异议已答复：' || ${body.answer}`,
        page: topicPage(topicId),
        template: { title: topicTitle(topicId), body: body.answer, status: "已答复", time: noticeTime(now) },
      },
      now,
    ),
    ...detailReads(db, topicId, null),
  ]);
  if (!objection) throw notFound("找不到这条异议");
  if (!changed[0]) throw new ApiError(409, "ALREADY_ANSWERED", "这条异议已经答复过了");
  return detailOf(rest.slice(-7) as unknown as DetailRows, false);
}

import { toShanghaiIso, type CommentBody, type ListQuery, type Page } from "@renxing/shared";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { deliberationComments, deliberations, users } from "../../db/schema";
import type { Env, ResidentPrincipal } from "../../env";
import { decodeCursor, olderThan, toPage } from "../../lib/cursor";
import { newId } from "../../lib/ids";
import { quotaExceeded, readQuota, withinQuota } from "../limits/quotas";
import { checkContent } from "../wechat/content-check";
import { topicIn, topicNotFound, topicState, wrongStage } from "./records";

/** A resident's comment during 两委商议, shown by nickname only (never a real name or phone). */
export interface DeliberationComment {
  id: string;
  text: string;
  nickname: string;
  createdAt: string;
}

/**
 * Which comments others read: those WeChat passed, or all when the check is off (development).
 * `review` and `unavailable` are kept for staff but not shown: a comment is public text.
 */
const SHOWN_CHECKS = ["pass", "off"] as const;

const commentView = (row: { id: string; text: string; nickname: string; createdAt: number }): DeliberationComment => ({
  id: row.id,
  text: row.text,
  nickname: row.nickname,
  createdAt: toShanghaiIso(row.createdAt),
});

/**
 * A resident comments on a topic (POST /deliberations/:id/comments), only while the two
 * committees consult (`consulting`). WeChat checks the text first: risky text is refused (422
 * `CONTENT_REJECTED`) and nothing is saved. Then one batch: the comment, guarded by the stage and
 * the resident's daily quota when it runs, and the reads that say which guard refused it.
 *
 * @example await postComment(db, env, resident, "dlb_…", { text: "建议先修北侧外墙" }, Date.now())
 */
export async function postComment(db: Db, env: Env, resident: ResidentPrincipal, deliberationId: string, body: CommentBody, now = Date.now()): Promise<DeliberationComment> {
  const contentCheck = await checkContent(db, env, { openid: resident.openid, scene: "forum", content: body.text });
  const id = newId("dcm");
  const [[topic], [quota], written, [author]] = await db.batch([
    topicState(db, deliberationId),
    readQuota(db, "deliberationComment", resident.id, now),
    insertSelect(
      db,
      deliberationComments,
      { id, deliberationId, userId: resident.id, text: body.text, contentCheck, createdAt: now },
      sql`where ${topicIn(deliberationId, ["consulting"])} and ${withinQuota("deliberationComment", resident.id, now)}`,
    ).returning({ id: deliberationComments.id }),
    db.select({ nickname: users.nickname }).from(users).where(eq(users.id, resident.id)),
  ]);
  if (!topic) throw topicNotFound();
  if (written.length === 0) {
    if (topic.stage !== "consulting") throw wrongStage(topic.stage, "只有“两委商议”阶段可以发表意见");
    if (!quota?.within) throw quotaExceeded("deliberationComment");
    throw topicNotFound();
  }
  return commentView({ id, text: body.text, nickname: author?.nickname ?? "", createdAt: now });
}

/**
 * A topic's comments, newest first, a page at a time (GET /deliberations/:id/comments): anyone
 * may read them, by nickname. One round trip; 404 for an unknown topic.
 *
 * @example await listComments(db, "dlb_…", { limit: 20 })
 */
export async function listComments(db: Db, deliberationId: string, query: ListQuery): Promise<Page<DeliberationComment>> {
  const [topic, rows] = await db.batch([
    db.select({ id: deliberations.id }).from(deliberations).where(eq(deliberations.id, deliberationId)),
    db
      .select({ id: deliberationComments.id, text: deliberationComments.text, nickname: users.nickname, createdAt: deliberationComments.createdAt })
      .from(deliberationComments)
      .innerJoin(users, eq(users.id, deliberationComments.userId))
      .where(
        and(
          eq(deliberationComments.deliberationId, deliberationId),
          inArray(deliberationComments.contentCheck, SHOWN_CHECKS),
          olderThan(deliberationComments.createdAt, deliberationComments.id, decodeCursor(query.cursor)),
        ),
      )
      .orderBy(desc(deliberationComments.createdAt), desc(deliberationComments.id))
      .limit(query.limit + 1),
  ]);
  if (topic.length === 0) throw topicNotFound();
  const page = toPage(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  return { items: page.items.map(commentView), nextCursor: page.nextCursor };
}

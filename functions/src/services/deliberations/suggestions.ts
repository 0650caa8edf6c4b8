import { toShanghaiIso, type ContentCheck, type DeliberationStage, type ListQuery, type Page, type SuggestionBody } from "@renxing/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { assertStaff } from "../../auth/roles";
import { residentBatch, signedInUserId, type Bearer } from "../../auth/session-batch";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { deliberations, suggestions, users } from "../../db/schema";
import type { Env, Principal, ResidentPrincipal } from "../../env";
import { decodeCursor, olderThan, toPage } from "../../lib/cursor";
import { newId } from "../../lib/ids";
import { quotaExceeded, withinQuota } from "../limits/quotas";
import { volunteerName } from "../names";
import { checkContent } from "../wechat/content-check";

/** One of a resident's own suggestions and the topic it became, if any. */
export interface MySuggestion {
  id: string;
  title: string;
  text: string;
  createdAt: string;
  deliberation: { id: string; title: string; stage: DeliberationStage } | null;
}

/** A suggestion as staff list it: who made it (their name as staff see it) and WeChat's check. */
export interface StaffSuggestion extends MySuggestion {
  author: string;
  contentCheck: ContentCheck | null;
}

/**
 * The topic a suggestion became: linked from the suggestion when staff turned it into a topic,
 * or found from the topic's side (`from_suggestion_id`), whichever was written.
 */
const topic = alias(deliberations, "topic");
const becameTopic = sql`${topic.id} = coalesce("suggestions"."deliberation_id", (select d.id from deliberations d where d.from_suggestion_id = "suggestions"."id" order by d.created_at limit 1))`;

const suggestionColumns = {
  id: suggestions.id,
  title: suggestions.title,
  text: suggestions.text,
  contentCheck: suggestions.contentCheck,
  createdAt: suggestions.createdAt,
  topicId: sql<string | null>`${topic.id}`.as("topic_id"),
  topicTitle: sql<string | null>`${topic.title}`.as("topic_title"),
  topicStage: sql<DeliberationStage | null>`${topic.stage}`.as("topic_stage"),
};

type SuggestionRow = { id: string; title: string; text: string; createdAt: number; topicId: string | null; topicTitle: string | null; topicStage: DeliberationStage | null };

const mine = (row: SuggestionRow): MySuggestion => ({
  id: row.id,
  title: row.title,
  text: row.text,
  createdAt: toShanghaiIso(row.createdAt),
  deliberation: row.topicId && row.topicTitle && row.topicStage ? { id: row.topicId, title: row.topicTitle, stage: row.topicStage } : null,
});

/**
 * A resident suggests a topic for the hall (POST /suggestions). WeChat checks the text first
 * (risky → 422 `CONTENT_REJECTED`, nothing saved); the suggestion is then written only within the
 * resident's daily quota, checked in the same statement.
 *
 * @example await postSuggestion(db, env, resident, { title: "楼道加装扶手", text: "三号楼老人多，上下楼不方便……" }, Date.now())
 */
export async function postSuggestion(db: Db, env: Env, resident: ResidentPrincipal, body: SuggestionBody, now = Date.now()): Promise<MySuggestion> {
  const contentCheck = await checkContent(db, env, { openid: resident.openid, scene: "forum", content: `${body.title}\n${body.text}` });
  const id = newId("sgg");
  const written = await insertSelect(
    db,
    suggestions,
    { id, userId: resident.id, title: body.title, text: body.text, contentCheck, deliberationId: null, createdAt: now },
    sql`where ${withinQuota("suggestion", resident.id, now)}`,
  ).returning({ id: suggestions.id });
  if (written.length === 0) throw quotaExceeded("suggestion");
  return { id, title: body.title, text: body.text, createdAt: toShanghaiIso(now), deliberation: null };
}

/**
 * The resident's own suggestions, newest first, each with the topic it became (GET /me/suggestions).
 * One round trip with the session lookup.
 *
 * @example await mySuggestions(db, bearer, { limit: 20 })
 */
export async function mySuggestions(db: Db, bearer: Bearer, query: ListQuery): Promise<Page<MySuggestion>> {
  const [, [rows]] = await residentBatch(db, bearer, [
    db
      .select(suggestionColumns)
      .from(suggestions)
      .leftJoin(topic, becameTopic)
      .where(and(eq(suggestions.userId, signedInUserId(bearer)), olderThan(suggestions.createdAt, suggestions.id, decodeCursor(query.cursor))))
      .orderBy(desc(suggestions.createdAt), desc(suggestions.id))
      .limit(query.limit + 1),
  ]);
  const page = toPage(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  return { items: page.items.map(mine), nextCursor: page.nextCursor };
}

/**
 * Every resident's suggestions for staff (the console's 居民建议), newest first, with who made
 * them and what became of them: one not yet a topic can be turned into one.
 *
 * @example await listSuggestionsForStaff(db, staff, { limit: 50 })
 */
export async function listSuggestionsForStaff(db: Db, actor: Principal, query: ListQuery): Promise<Page<StaffSuggestion>> {
  assertStaff(actor);
  const rows = await db
    .select({ ...suggestionColumns, author: volunteerName(users).as("author") })
    .from(suggestions)
    .innerJoin(users, eq(users.id, suggestions.userId))
    .leftJoin(topic, becameTopic)
    .where(olderThan(suggestions.createdAt, suggestions.id, decodeCursor(query.cursor)))
    .orderBy(desc(suggestions.createdAt), desc(suggestions.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
  return { items: page.items.map((row) => ({ ...mine(row), author: row.author, contentCheck: row.contentCheck as ContentCheck | null })), nextCursor: page.nextCursor };
}

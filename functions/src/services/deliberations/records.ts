import { DELIBERATION_STAGE_LABEL, FINISHED_DELIBERATION_STAGES, type DeliberationStage } from "@renxing/shared";
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliberations } from "../../db/schema";
import { ApiError, notFound } from "../../http/errors";

/**
 * What the hall's records (meetings, comments, pledges, payments, progress) share: the topic's
 * stage as read in the same batch as a guarded write, and the refusals explained from it.
 */

export const topicNotFound = () => notFound("找不到这个议题");

/** SQL: the topic `deliberationId` is in one of `stages` now (the guard of a write's insert … select). */
export const topicIn = (deliberationId: string, stages: readonly DeliberationStage[]): SQL =>
  sql`exists (select 1 from deliberations where id = ${deliberationId} and stage in (${sql.join(
    stages.map((s) => sql`${s}`),
    sql`, `,
  )}))`;

/** SQL: the topic exists and is not over (done, rejected, withdrawn). */
export const topicOpen = (deliberationId: string): SQL =>
  sql`exists (select 1 from deliberations where id = ${deliberationId} and stage not in (${sql.join(
    FINISHED_DELIBERATION_STAGES.map((s) => sql`${s}`),
    sql`, `,
  )}))`;

/** The read that explains a refused write: put it in the same batch. */
export const topicState = (db: Db, deliberationId: string) =>
  db.select({ stage: deliberations.stage, title: deliberations.title, targetFen: deliberations.targetFen }).from(deliberations).where(eq(deliberations.id, deliberationId));

/** 409 for a record the topic's stage does not take, naming the stage a resident sees. */
export const wrongStage = (stage: DeliberationStage, what: string) =>
  new ApiError(409, "INVALID_TRANSITION", `议题目前处于“${DELIBERATION_STAGE_LABEL[stage]}”阶段，${what}`);

/**
 * SQL: the residents who took part in a topic (commented, voted, or pledged with their account),
 * each once: who hears of its progress.
 */
export const participantsOf = (deliberationId: string): SQL =>
  sql`select user_id from deliberation_comments where deliberation_id = ${deliberationId}
    union select user_id from deliberation_votes where deliberation_id = ${deliberationId}
    union select user_id from deliberation_pledges where deliberation_id = ${deliberationId} and user_id is not null`;

/** The mini-program page of a topic. */
export const topicPage = (deliberationId: string) => `/pages/deliberation-detail/index?id=${deliberationId}`;

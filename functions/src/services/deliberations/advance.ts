import {
  DELIBERATION_ADVANCES,
  DELIBERATION_STAGE_LABEL,
  DELIBERATION_STAGES,
  PUBLICITY_DAYS,
  toShanghaiIso,
  type AdvanceBody,
  type DeliberationDetail,
  type DeliberationStage,
} from "@renxing/shared";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { assertAdmin } from "../../auth/roles";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { deliberationEvents, deliberations } from "../../db/schema";
import type { Principal } from "../../env";
import { ApiError } from "../../http/errors";
import { newId } from "../../lib/ids";
import { auditInsertWhen, staffActor } from "../audit";
import { notify } from "../notifications/notify";
import { detailOf, detailReads, topicMissing, type DetailRows } from "./read";
import { participantsOf } from "./records";
import { newStep, stageNotice, stepTaken } from "./steps";
import { tallyColumns, votePassesSql } from "./tally";

const DAY = 24 * 3600_000;

/** The stages an admin may move a topic to `to` from: DELIBERATION_ADVANCES read backwards. */
const sourcesOf = (to: DeliberationStage) => DELIBERATION_STAGES.filter((from) => DELIBERATION_ADVANCES[from].includes(to));

/** SQL: an objection to the topic still waits for its answer. */
const unansweredObjection = (topicId: string) => sql`exists (select 1 from deliberation_objections where deliberation_id = ${topicId} and answer is null)`;

/**
 * What a move writes besides the stage, and what else must hold. Closing the vote counts the
 * tally IN the UPDATE, from the votes and the representatives named at that moment, and lands on
 * `publicized` or `rejected` by the rule; adopting needs publicity over and every objection answered.
 */
function moveOf(topicId: string, to: DeliberationStage, now: number): { set: Record<string, unknown>; where?: SQL } {
  if (to === "publicized") {
    const passes = votePassesSql(topicId);
    return {
      set: {
        ...tallyColumns(topicId),
        stage: sql`case when ${passes} then 'publicized' else 'rejected' end`,
        publicizedUntil: sql`case when ${passes} then ${now + PUBLICITY_DAYS * DAY} else null end`,
      },
    };
  }
  if (to === "adopted") return { set: { stage: to }, where: sql`${deliberations.publicizedUntil} <= ${now} and not ${unansweredObjection(topicId)}` };
  return { set: { stage: to } };
}

/**
 * An admin moves a topic one stage (POST /admin/deliberations/:id/advance): exactly the moves
 * DELIBERATION_ADVANCES allows, else 409 `INVALID_TRANSITION`. Two round trips: the residents who
 * took part (so each notification's id is known to the outbox), then ONE batch: the guarded
 * UPDATE (`stage = <from>`, a fresh `last_step`), the timeline row, a `deliberation_stage` notice
 * to each participant and the audit entry, all guarded by the step, then the topic as it is now.
 * A refusal is explained from a read in the same batch, after the UPDATE: 404, 409
 * `PUBLICITY_NOT_OVER`, 409 `OBJECTIONS_UNANSWERED`, or 409 `INVALID_TRANSITION`.
 *
 * @example await advanceDeliberation(db, admin, "dlb_…", { to: "publicized", note: "投票结束" }, Date.now())
 */
export async function advanceDeliberation(db: Db, actor: Principal, topicId: string, body: AdvanceBody, now = Date.now()): Promise<DeliberationDetail> {
  assertAdmin(actor);
  const from = sourcesOf(body.to);
  const note = body.note || null;
  const step = newStep();
  // Whoever comments or votes between this read and the step is not told of this one move: the
  // stage they acted in has just closed, and they see the topic when they open it.
  const participants = from.length > 0 ? await db.all<{ user_id: string }>(participantsOf(topicId)) : [];
  const move = moveOf(topicId, body.to, now);
  const [changed, [seen], , ...rest] = await db.batch([
    db
      .update(deliberations)
      .set({ ...(move.set as Partial<typeof deliberations.$inferInsert>), lastStep: step, stageChangedAt: now, updatedAt: now })
      .where(and(eq(deliberations.id, topicId), from.length > 0 ? inArray(deliberations.stage, from) : sql`0`, move.where))
      .returning({ stage: deliberations.stage }),
    db
      .select({ stage: deliberations.stage, publicizedUntil: deliberations.publicizedUntil, unanswered: sql<number>`${unansweredObjection(topicId)}`.as("unanswered") })
      .from(deliberations)
      .where(eq(deliberations.id, topicId)),
    insertSelect(
      db,
      deliberationEvents,
      { id: newId("dev"), deliberationId: topicId, stage: sql`d.stage`, note, staffId: actor.id, at: now },
      sql`from deliberations d where d.id = ${topicId} and d.last_step = ${step}`,
    ),
    ...detailReads(db, topicId, null),
    ...participants.flatMap((p) => notify(db, stageNotice(topicId, step, p.user_id, note, now), now)),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "deliberation.advance", target: { kind: "deliberation", id: topicId }, outcome: "ok", detail: { to: body.to, note } },
      stepTaken(topicId, step),
      now,
    ),
  ]);
  if (changed[0]) return detailOf(rest.slice(0, 7) as unknown as DetailRows, false);
  if (!seen) throw topicMissing();
  if (body.to === "adopted" && seen.stage === "publicized") {
    if (seen.publicizedUntil !== null && seen.publicizedUntil > now) {
      throw new ApiError(409, "PUBLICITY_NOT_OVER", `公示期到 ${toShanghaiIso(seen.publicizedUntil).slice(0, 16).replace("T", " ")} 结束，期满后才能通过决议`);
    }
    if (seen.unanswered) throw new ApiError(409, "OBJECTIONS_UNANSWERED", "还有居民的异议没有答复，请全部答复后再通过决议");
  }
  throw new ApiError(409, "INVALID_TRANSITION", `议题目前处于“${DELIBERATION_STAGE_LABEL[seen.stage]}”阶段，不能转入“${DELIBERATION_STAGE_LABEL[body.to]}”`);
}

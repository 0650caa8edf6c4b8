import type { VoteBody, VoteChoice } from "@renxing/shared";
import { eq, sql } from "drizzle-orm";
import { residentBatch, signedInUserId, type Bearer } from "../../auth/session-batch";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { deliberations, deliberationVotes } from "../../db/schema";
import { ApiError, forbidden } from "../../http/errors";
import { topicMissing } from "./read";

/**
 * A representative votes on a topic in `voting` (POST /deliberations/:id/votes), once: ONE
 * insert … select, guarded by the stage and by the voter being named now, whose primary key
 * (topic, voter) turns a second vote into no row at all, however many arrive at once. The
 * session lookup and the read that explains a refusal ride in the same batch: one round trip.
 * Refusals: 404, 403 `NOT_A_REPRESENTATIVE`, 409 `VOTING_CLOSED`, 409 `ALREADY_VOTED`.
 *
 * @example await castVote(db, bearer, "dlb_…", { choice: "approve" }, Date.now()) // { choice: "approve" }
 */
export async function castVote(db: Db, bearer: Bearer, topicId: string, body: VoteBody, now = Date.now()): Promise<{ choice: VoteChoice }> {
  const voter = signedInUserId(bearer);
  const [, [written, [seen]]] = await residentBatch(db, bearer, [
    insertSelect(
      db,
      deliberationVotes,
      { deliberationId: sql`d.id`, userId: sql`r.user_id`, choice: body.choice, createdAt: now },
      sql`from deliberations d join representatives r on r.user_id = ${voter} where d.id = ${topicId} and d.stage = 'voting'`,
    )
      .onConflictDoNothing()
      .returning({ choice: deliberationVotes.choice }),
    db
      .select({
        stage: deliberations.stage,
        representative: sql<number>`exists (select 1 from representatives where user_id = ${voter})`.as("representative"),
        voted: sql<number>`exists (select 1 from deliberation_votes where deliberation_id = ${topicId} and user_id = ${voter})`.as("voted"),
      })
      .from(deliberations)
      .where(eq(deliberations.id, topicId)),
  ]);
  if (written[0]) return { choice: written[0].choice };
  if (!seen) throw topicMissing();
  if (!seen.representative) throw forbidden("只有居民代表才能投票", "NOT_A_REPRESENTATIVE");
  if (seen.stage !== "voting") throw new ApiError(409, "VOTING_CLOSED", "这个议题现在不在代表审议阶段，不能投票");
  if (seen.voted) throw new ApiError(409, "ALREADY_VOTED", "你已经投过票了，每位代表只能投一次");
  throw new ApiError(409, "VOTING_CLOSED", "这个议题现在不能投票");
}

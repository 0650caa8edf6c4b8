import type { DeliberationBody, DeliberationDetail } from "@renxing/shared";
import { eq, sql } from "drizzle-orm";
import { assertAdmin } from "../../auth/roles";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { deliberationEvents, deliberations, grids, suggestions } from "../../db/schema";
import type { Principal } from "../../env";
import { ApiError, notFound, validationFailed } from "../../http/errors";
import { newId } from "../../lib/ids";
import { auditInsertWhen, staffActor } from "../audit";
import { detailOf, detailReads, type DetailRows } from "./read";
import { newStep } from "./steps";

/**
 * An admin proposes a topic (POST /admin/deliberations): `proposed`, with its first timeline row.
 * From a resident's suggestion, the suggestion is linked to it in the same batch; the topic's
 * insert is guarded by the suggestion still being free, so two admins turning the same
 * suggestion into a topic at once make one topic, and the other hears 409 `SUGGESTION_TAKEN`.
 * An unknown grid is a 400 on `gridId` (as for care recipients), an unknown suggestion 404.
 *
 * @example const topic = await createDeliberation(db, admin, { title: "德龙小区外立面修缮", background, proposal, targetFen: 11_400_000 }, Date.now())
 */
export async function createDeliberation(db: Db, actor: Principal, body: DeliberationBody, now = Date.now()): Promise<DeliberationDetail> {
  assertAdmin(actor);
  const id = newId("dlb");
  const gridKnown = body.gridId ? sql`exists (select 1 from ${grids} where ${eq(grids.id, body.gridId)})` : sql`1`;
  const suggestionFree = body.fromSuggestionId ? sql`exists (select 1 from ${suggestions} where id = ${body.fromSuggestionId} and deliberation_id is null)` : sql`1`;
  const created = sql`exists (select 1 from ${deliberations} where id = ${id})`;
  const [written, [checks], ...rest] = await db.batch([
    insertSelect(
      db,
      deliberations,
      {
        id,
        title: body.title,
        background: body.background,
        proposal: body.proposal,
        gridId: body.gridId ?? null,
        stage: "proposed",
        targetFen: body.targetFen ?? null,
        fromSuggestionId: body.fromSuggestionId ?? null,
        createdBy: actor.id,
        lastStep: newStep(),
        stageChangedAt: now,
        createdAt: now,
        updatedAt: now,
      },
      sql`where ${gridKnown} and ${suggestionFree}`,
    ).returning({ id: deliberations.id }),
    db
      .select({
        gridKnown: sql<number>`${gridKnown}`.as("grid_known"),
        suggestionKnown: body.fromSuggestionId ? sql<number>`exists (select 1 from ${suggestions} where id = ${body.fromSuggestionId})`.as("suggestion_known") : sql<number>`1`.as("suggestion_known"),
      })
      .from(sql`(select 1)`),
    db
      .update(suggestions)
      .set({ deliberationId: id })
      .where(sql`${suggestions.id} = ${body.fromSuggestionId ?? null} and ${suggestions.deliberationId} is null and ${created}`),
    insertSelect(db, deliberationEvents, { id: newId("dev"), deliberationId: id, stage: "proposed", note: null, staffId: actor.id, at: now }, sql`where ${created}`),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "deliberation.create", target: { kind: "deliberation", id }, outcome: "ok", detail: { fromSuggestionId: body.fromSuggestionId ?? null, targetFen: body.targetFen ?? null } },
      created,
      now,
    ),
    ...detailReads(db, id, null),
  ]);
  if (!written[0]) {
    if (!checks?.gridKnown) throw validationFailed([{ field: "gridId", message: "没有这个网格" }]);
    if (!checks.suggestionKnown) throw notFound("找不到这条建议");
    throw new ApiError(409, "SUGGESTION_TAKEN", "这条建议已经转为议题了");
  }
  return detailOf(rest.slice(3) as unknown as DetailRows, false);
}

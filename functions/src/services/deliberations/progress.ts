import { toShanghaiIso, type ProgressBody } from "@renxing/shared";
import { eq, sql } from "drizzle-orm";
import { assertAdmin } from "../../auth/roles";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { deliberationProgress } from "../../db/schema";
import type { Principal } from "../../env";
import { validationFailed } from "../../http/errors";
import { newId } from "../../lib/ids";
import { auditInsertWhen, staffActor } from "../audit";
import { noticeTime } from "../notifications/messages";
import { notify } from "../notifications/notify";
import { photoKeyOf } from "../uploads";
import { participantsOf, topicIn, topicNotFound, topicPage, topicState, wrongStage } from "./records";

/** A progress update as the topic page shows it. */
export interface DeliberationProgressUpdate {
  id: string;
  note: string;
  photoUrls: string[];
  at: string;
}

/**
 * An admin posts a progress update with photos (POST /admin/deliberations/:id/progress), only
 * while the topic is `implementing`. Two round trips: the topic and who took part in it
 * (commented, voted, pledged with their account), then one batch with the update (guarded by
 * the stage when it runs), its audit entry, and one `deliberation_stage` notice per participant,
 * each written only if the update landed and keyed by it, so each hears once per update.
 * Someone taking part between the two reads hears from the next update on.
 *
 * @example await recordProgress(db, admin, "dlb_…", { note: "脚手架已搭好", photoUrls: [] }, "https://renxing.example", Date.now())
 */
export async function recordProgress(db: Db, actor: Principal, deliberationId: string, body: ProgressBody, origin: string, now = Date.now()): Promise<DeliberationProgressUpdate> {
  assertAdmin(actor);
  const photoUrls = body.photoUrls ?? [];
  if (!photoUrls.every((url) => photoKeyOf(url, origin)?.startsWith("photos/"))) throw validationFailed([{ field: "photoUrls", message: "只能使用在本平台上传的照片" }]);
  const [[topic], participants] = await db.batch([topicState(db, deliberationId), db.select({ userId: sql<string>`p.user_id`.as("user_id") }).from(sql`(${participantsOf(deliberationId)}) p`)]);
  if (!topic) throw topicNotFound();
  if (topic.stage !== "implementing") throw wrongStage(topic.stage, "只有“实施中”的议题可以发布进展");

  const id = newId("dpg");
  const landed = sql`exists (select 1 from ${deliberationProgress} where ${eq(deliberationProgress.id, id)})`;
  const note = body.note.length > 20 ? `${body.note.slice(0, 19)}…` : body.note;
  const [written] = await db.batch([
    insertSelect(db, deliberationProgress, { id, deliberationId, note: body.note, photoUrls: JSON.stringify(photoUrls), createdBy: actor.id, createdAt: now }, sql`where ${topicIn(deliberationId, ["implementing"])}`).returning(),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "deliberation.progress", target: { kind: "deliberation", id: deliberationId }, outcome: "ok", detail: { progressId: id, photos: photoUrls.length, told: participants.length } },
      landed,
      now,
    ),
    ...participants.flatMap(({ userId }) =>
      notify(
        db,
        {
          kind: "deliberation_stage",
          to: { user: sql`(select ${userId} where ${landed})` },
          eventKey: `deliberation_progress:${id}`,
          title: `议题有新进展：${topic.title}`,
          body: body.note,
          page: topicPage(deliberationId),
          template: { title: topic.title, body: note, status: "实施中", time: noticeTime(now) },
        },
        now,
      ),
    ),
  ] as unknown as Parameters<Db["batch"]>[0]);
  const [row] = written as (typeof deliberationProgress.$inferSelect)[];
  // Between the two reads the topic can only have moved on to `done`.
  if (!row) throw wrongStage("done", "只有“实施中”的议题可以发布进展");
  return { id: row.id, note: row.note, photoUrls, at: toShanghaiIso(row.createdAt) };
}

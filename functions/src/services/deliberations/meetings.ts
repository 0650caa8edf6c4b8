import { toShanghaiIso, type MeetingBody } from "@renxing/shared";
import { eq, sql } from "drizzle-orm";
import { assertAdmin } from "../../auth/roles";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { deliberationMeetings } from "../../db/schema";
import type { Principal } from "../../env";
import { newId } from "../../lib/ids";
import { auditInsertWhen, staffActor } from "../audit";
import { topicNotFound, topicOpen, topicState, wrongStage } from "./records";

/** A consultation meeting (协商会) as the topic page shows it. */
export interface DeliberationMeeting {
  id: string;
  heldAt: string;
  place: string;
  attendees: string[];
  minutes: string;
}

export const meetingView = (row: { id: string; heldAt: number; place: string; attendees: string; minutes: string }): DeliberationMeeting => ({
  id: row.id,
  heldAt: toShanghaiIso(row.heldAt),
  place: row.place,
  attendees: JSON.parse(row.attendees) as string[],
  minutes: row.minutes,
});

/**
 * An admin records a consultation meeting (POST /admin/deliberations/:id/meetings): date, place,
 * attendees and minutes, on any topic that is not over. One batch: the meeting (guarded by the
 * topic's stage when it runs), its audit entry, and the topic's stage to explain a refusal
 * (404 unknown topic, 409 finished).
 *
 * @example await recordMeeting(db, admin, "dlb_…", { heldAt: "2026-05-12T14:00:00+08:00", place: "社区议事厅", attendees: ["网格员"], minutes: "…" }, Date.now())
 */
export async function recordMeeting(db: Db, actor: Principal, deliberationId: string, body: MeetingBody, now = Date.now()): Promise<DeliberationMeeting> {
  assertAdmin(actor);
  const id = newId("dmt");
  const [[topic], written] = await db.batch([
    topicState(db, deliberationId),
    insertSelect(
      db,
      deliberationMeetings,
      { id, deliberationId, heldAt: Date.parse(body.heldAt), place: body.place, attendees: JSON.stringify(body.attendees), minutes: body.minutes, createdBy: actor.id, createdAt: now },
      sql`where ${topicOpen(deliberationId)}`,
    ).returning(),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "deliberation.meeting", target: { kind: "deliberation", id: deliberationId }, outcome: "ok", detail: { meetingId: id, attendees: body.attendees.length } },
      sql`exists (select 1 from ${deliberationMeetings} where ${eq(deliberationMeetings.id, id)})`,
      now,
    ),
  ]);
  if (!topic) throw topicNotFound();
  const [meeting] = written;
  if (!meeting) throw wrongStage(topic.stage, "不能再记录协商会");
  return meetingView(meeting);
}

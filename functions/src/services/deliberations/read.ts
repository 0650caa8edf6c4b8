import {
  DELIBERATION_STAGE_LABEL,
  toShanghaiIso,
  votePasses,
  type DeliberationDetail,
  type DeliberationListItem,
  type DeliberationsQuery,
  type Page,
  type VoteChoice,
} from "@renxing/shared";
import { and, asc, count, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import { signedInUserId, viewerBatch, type Bearer } from "../../auth/session-batch";
import type { Db } from "../../db/client";
import {
  deliberationComments,
  deliberationEvents,
  deliberationMeetings,
  deliberationObjections,
  deliberationProgress,
  deliberations,
  deliberationVotes,
  grids,
  representatives,
  users,
} from "../../db/schema";
import type { Principal } from "../../env";
import { assertStaff } from "../../auth/roles";
import { decodeCursor, olderThan, toPage } from "../../lib/cursor";
import { fundingColumns, fundingOf } from "./funding";
import { topicNotFound } from "./records";

/**
 * Public reads of the deliberation hall, one D1 round trip each. What leaves here never names a
 * pledger, an objector or a voter: funding is summed in SQL, objections carry no user, and a
 * resident sees only their own vote.
 */

export const topicMissing = topicNotFound;

/** A topic's row with its grid's name and funding totals; joined columns aliased (D1 keys batch rows by name). */
export function topicQuery(db: Db) {
  return db
    .select({
      id: deliberations.id,
      title: deliberations.title,
      background: deliberations.background,
      proposal: deliberations.proposal,
      gridId: deliberations.gridId,
      gridName: sql<string | null>`${grids.name}`.as("grid_name"),
      stage: deliberations.stage,
      targetFen: deliberations.targetFen,
      publicizedUntil: deliberations.publicizedUntil,
      tallyApprove: deliberations.tallyApprove,
      tallyReject: deliberations.tallyReject,
      tallyAbstain: deliberations.tallyAbstain,
      tallyRepresentatives: deliberations.tallyRepresentatives,
      stageChangedAt: deliberations.stageChangedAt,
      createdAt: deliberations.createdAt,
      ...fundingColumns,
    })
    .from(deliberations)
    .leftJoin(grids, eq(grids.id, deliberations.gridId));
}

export type TopicRow = Awaited<ReturnType<ReturnType<typeof topicQuery>["all"]>>[number];

/**
 * The reads of one topic's public detail, for a batch (a step puts them after its writes and
 * answers with the state it left). `viewer` is the signed-in resident's id as SQL, for myVote.
 */
export function detailReads(db: Db, topicId: string, viewer: SQL | null) {
  const votesOfViewer = viewer ?? sql`null`;
  return [
    topicQuery(db).where(eq(deliberations.id, topicId)),
    db
      .select({ stage: deliberationEvents.stage, note: deliberationEvents.note, at: deliberationEvents.at })
      .from(deliberationEvents)
      .where(eq(deliberationEvents.deliberationId, topicId))
      // Steps of one batch share `at`: rowid keeps them in the order they were written.
      .orderBy(asc(deliberationEvents.at), asc(sql`${deliberationEvents}.rowid`)),
    db
      .select({ id: deliberationMeetings.id, heldAt: deliberationMeetings.heldAt, place: deliberationMeetings.place, attendees: deliberationMeetings.attendees, minutes: deliberationMeetings.minutes })
      .from(deliberationMeetings)
      .where(eq(deliberationMeetings.deliberationId, topicId))
      .orderBy(asc(deliberationMeetings.heldAt)),
    db.select({ n: count() }).from(deliberationComments).where(eq(deliberationComments.deliberationId, topicId)),
    db
      .select({
        id: deliberationObjections.id,
        text: deliberationObjections.text,
        contentCheck: deliberationObjections.contentCheck,
        answer: deliberationObjections.answer,
        answeredAt: deliberationObjections.answeredAt,
        createdAt: deliberationObjections.createdAt,
      })
      .from(deliberationObjections)
      .where(eq(deliberationObjections.deliberationId, topicId))
      .orderBy(asc(deliberationObjections.createdAt), asc(deliberationObjections.id)),
    db
      .select({ id: deliberationProgress.id, note: deliberationProgress.note, photoUrls: deliberationProgress.photoUrls, at: deliberationProgress.createdAt })
      .from(deliberationProgress)
      .where(eq(deliberationProgress.deliberationId, topicId))
      .orderBy(asc(deliberationProgress.createdAt), asc(deliberationProgress.id)),
    db
      .select({
        choice: sql<VoteChoice | null>`(select choice from ${deliberationVotes} where deliberation_id = ${topicId} and user_id = ${votesOfViewer})`.as("my_choice"),
        representative: sql<number>`exists (select 1 from ${representatives} where user_id = ${votesOfViewer})`.as("is_representative"),
      })
      .from(deliberations)
      .where(eq(deliberations.id, topicId)),
  ] as const;
}

type Results<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };
export type DetailRows = Results<ReturnType<typeof detailReads>>;

/** Objection text WeChat held for a person stays hidden until staff, having read it, answer it. */
const HELD = new Set(["review", "unavailable"]);

/** What detailReads read, as the public detail; `forResident` adds myVote and canVote. */
export function detailOf([topics, events, meetings, comments, objections, progress, mine]: DetailRows, forResident: boolean): DeliberationDetail {
  const t = topics[0];
  if (!t) throw topicMissing();
  const tally =
    t.tallyApprove !== null && t.tallyReject !== null && t.tallyAbstain !== null && t.tallyRepresentatives !== null
      ? { approve: t.tallyApprove, reject: t.tallyReject, abstain: t.tallyAbstain, representatives: t.tallyRepresentatives }
      : null;
  const myVote = mine[0]?.choice ?? null;
  return {
    id: t.id,
    title: t.title,
    background: t.background,
    proposal: t.proposal,
    stage: t.stage,
    stageLabel: DELIBERATION_STAGE_LABEL[t.stage],
    gridId: t.gridId,
    gridName: t.gridName,
    createdAt: toShanghaiIso(t.createdAt),
    stageChangedAt: toShanghaiIso(t.stageChangedAt),
    timeline: events.map((e) => ({ stage: e.stage, stageLabel: DELIBERATION_STAGE_LABEL[e.stage], note: e.note, at: toShanghaiIso(e.at) })),
    meetings: meetings.map((m) => ({ id: m.id, heldAt: toShanghaiIso(m.heldAt), place: m.place, attendees: JSON.parse(m.attendees) as string[], minutes: m.minutes })),
    commentCount: comments[0]?.n ?? 0,
    tally: tally && { ...tally, passed: votePasses(tally) },
    publicizedUntil: t.publicizedUntil === null ? null : toShanghaiIso(t.publicizedUntil),
    objections: objections.map((o) => ({
      id: o.id,
      text: o.answer === null && o.contentCheck !== null && HELD.has(o.contentCheck) ? null : o.text,
      answer: o.answer,
      answeredAt: o.answeredAt === null ? null : toShanghaiIso(o.answeredAt),
      createdAt: toShanghaiIso(o.createdAt),
    })),
    progress: progress.map((p) => ({ id: p.id, note: p.note, photoUrls: JSON.parse(p.photoUrls) as string[], at: toShanghaiIso(p.at) })),
    funding: fundingOf(t),
    ...(forResident ? { myVote, canVote: Boolean(mine[0]?.representative) && t.stage === "voting" && myVote === null } : {}),
  };
}

/**
 * One topic as anyone sees it, in one round trip; a signed-in resident also learns their own vote
 * and whether they may vote now (the session lookup rides in the same batch).
 */
export async function getDeliberation(db: Db, bearer: Bearer | null, topicId: string): Promise<DeliberationDetail> {
  const [viewer, rows] = await viewerBatch(db, bearer, detailReads(db, topicId, bearer ? signedInUserId(bearer) : null));
  return detailOf(rows as DetailRows, viewer?.kind === "user");
}

export function toListItem(t: TopicRow): DeliberationListItem {
  return { id: t.id, title: t.title, stage: t.stage, gridName: t.gridName, createdAt: toShanghaiIso(t.createdAt), funding: fundingOf(t) };
}

/**
 * The hall's list, newest first. Withdrawn topics are left out unless asked for by
 * `?stage=withdrawn`: the hall shows what is being decided and what was.
 */
export async function listDeliberations(db: Db, query: DeliberationsQuery): Promise<Page<DeliberationListItem>> {
  const rows = await topicQuery(db)
    .where(
      and(
        query.stage ? eq(deliberations.stage, query.stage) : ne(deliberations.stage, "withdrawn"),
        olderThan(deliberations.createdAt, deliberations.id, decodeCursor(query.cursor)),
      ),
    )
    .orderBy(desc(deliberations.createdAt), desc(deliberations.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (t) => ({ at: t.createdAt, id: t.id }));
  return { items: page.items.map(toListItem), nextCursor: page.nextCursor };
}

/** A topic as staff see it: the public detail, plus who objected and how many representatives there are. */
export interface StaffTopic extends Omit<DeliberationDetail, "objections"> {
  objections: (DeliberationDetail["objections"][number] & { text: string; objector: { userId: string; nickname: string }; contentCheck: string | null })[];
  representatives: number;
  fromSuggestionId: string | null;
}

/**
 * The console's topic page (any staff member: the hall is public anyway): the public detail,
 * each objection's full text with the objector's nickname and WeChat's verdict, and the number
 * of representatives named now. One round trip.
 *
 * @example const topic = await topicForStaff(db, staff, "dlb_…")
 */
export async function topicForStaff(db: Db, actor: Principal, topicId: string): Promise<StaffTopic> {
  assertStaff(actor);
  const [objections, [extra], ...rows] = await db.batch([
    db
      .select({
        id: deliberationObjections.id,
        text: deliberationObjections.text,
        userId: deliberationObjections.userId,
        nickname: sql<string>`${users.nickname}`.as("nickname"),
        contentCheck: deliberationObjections.contentCheck,
      })
      .from(deliberationObjections)
      .innerJoin(users, eq(users.id, deliberationObjections.userId))
      .where(eq(deliberationObjections.deliberationId, topicId)),
    db
      .select({ representatives: sql<number>`(select count(*) from ${representatives})`.as("representatives"), fromSuggestionId: deliberations.fromSuggestionId })
      .from(deliberations)
      .where(eq(deliberations.id, topicId)),
    ...detailReads(db, topicId, null),
  ]);
  const detail = detailOf(rows as unknown as DetailRows, false);
  const byId = new Map(objections.map((o) => [o.id, o]));
  return {
    ...detail,
    objections: detail.objections.map((o) => {
      const full = byId.get(o.id)!;
      return { ...o, text: full.text, objector: { userId: full.userId, nickname: full.nickname }, contentCheck: full.contentCheck };
    }),
    representatives: extra?.representatives ?? 0,
    fromSuggestionId: extra?.fromSuggestionId ?? null,
  };
}

/** The console's list: every topic, withdrawn ones too, newest first, filtered by stage. */
export async function listTopicsForStaff(db: Db, actor: Principal, query: DeliberationsQuery): Promise<Page<DeliberationListItem>> {
  assertStaff(actor);
  const rows = await topicQuery(db)
    .where(and(query.stage ? eq(deliberations.stage, query.stage) : undefined, olderThan(deliberations.createdAt, deliberations.id, decodeCursor(query.cursor))))
    .orderBy(desc(deliberations.createdAt), desc(deliberations.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (t) => ({ at: t.createdAt, id: t.id }));
  return { items: page.items.map(toListItem), nextCursor: page.nextCursor };
}

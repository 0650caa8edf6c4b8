import { CHECK_IN_OPENS_BEFORE_START_MS, checkInQrText, checkInWindow, toShanghaiIso, type AdminTask, type CheckInBody, type Page, type Task, type TaskBody } from "@renxing/shared";
import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import { assertAdmin } from "../auth/roles";
import { signedInUserId, viewerBatch, type Bearer } from "../auth/session-batch";
import type { Db } from "../db/client";
import { insertSelect } from "../db/insert-select";
import { taskSignups, tasks, teams, users } from "../db/schema";
import type { Principal, ResidentPrincipal } from "../env";
import { ApiError, forbidden, notFound, validationFailed } from "../http/errors";
import { newId } from "../lib/ids";
import { volunteerName } from "./names";
import { auditInsertWhen, staffActor } from "./audit";
import { creditTaskSignups } from "./hours";
import { CHECK_IN_ATTEMPTS, lockedOut, notLockedOut, readLockOut, recordFailedAttempt } from "./limits/attempts";

/** Time in is credited up to the task's length plus this. */
export const OVERTIME_ALLOWANCE_MIN = 30;
/** Whoever is still checked in this long after the end is checked out by the scheduled job. */
export const AUTO_CHECK_OUT_AFTER_MS = 2 * 60 * 60 * 1000;

const signedUpCount = sql<number>`(select count(*) from ${taskSignups} where ${taskSignups.taskId} = ${tasks.id} and ${taskSignups.status} <> 'withdrawn')`.as("signed_up_count");
const teamName = sql<string | null>`${teams.name}`.as("team_name");

function taskQuery(db: Db, viewerId: string | SQL | null) {
  return db
    .select({
      task: tasks,
      signedUpCount,
      teamName,
      myStatus: sql<string | null>`(select status from task_signups s where s.task_id = ${tasks.id} and s.user_id = ${viewerId} and s.status <> 'withdrawn')`.as("my_status"),
      myMinutes: sql<number | null>`(select credited_minutes from task_signups s where s.task_id = ${tasks.id} and s.user_id = ${viewerId} and s.status <> 'withdrawn')`.as("my_minutes"),
    })
    .from(tasks)
    .leftJoin(teams, eq(teams.id, tasks.teamId));
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>["all"]>>[number];

function toTask(r: TaskRow): Task {
  const t = r.task;
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    location: t.location,
    startsAt: toShanghaiIso(t.startsAt),
    endsAt: toShanghaiIso(t.endsAt),
    capacity: t.capacity,
    signedUpCount: r.signedUpCount,
    teamId: t.teamId,
    teamName: r.teamName,
    mySignup: r.myStatus ? { status: r.myStatus as NonNullable<Task["mySignup"]>["status"], creditedMinutes: r.myMinutes } : null,
  };
}

const toAdminTask = (r: TaskRow): AdminTask => ({ ...toTask(r), checkInCode: r.task.checkInCode, checkInQr: checkInQrText(r.task.id, r.task.checkInCode) });

/**
 * Tasks that have not ended, soonest first, with places taken and the caller's own sign-up (none
 * for staff: their session has no user). One round trip, the session checked in the same batch.
 */
export async function listUpcomingTasks(db: Db, bearer: Bearer | null, now = Date.now()): Promise<Page<Task>> {
  const upcoming = taskQuery(db, bearer && signedInUserId(bearer))
    .where(gt(tasks.endsAt, now))
    .orderBy(asc(tasks.startsAt))
    .limit(100);
  const [, [rows]] = await viewerBatch(db, bearer, [upcoming]);
  return { items: rows.map(toTask), nextCursor: null };
}

/** One task as `viewer` sees it: admins also get the check-in code. */
function taskFor(row: TaskRow | undefined, viewer: Principal | null): Task | AdminTask {
  if (!row) throw notFound("找不到这个任务");
  return viewer?.kind === "staff" && viewer.role === "admin" ? toAdminTask(row) : toTask(row);
}

export async function getTask(db: Db, viewer: Principal | null, taskId: string): Promise<Task | AdminTask> {
  return taskFor(await taskQuery(db, viewer?.kind === "user" ? viewer.id : null).where(eq(tasks.id, taskId)).get(), viewer);
}

/** `GET /tasks/:id`: as `getTask`, in one round trip with the session check. */
export async function getTaskForBearer(db: Db, bearer: Bearer | null, taskId: string): Promise<Task | AdminTask> {
  const [viewer, [rows]] = await viewerBatch(db, bearer, [taskQuery(db, bearer && signedInUserId(bearer)).where(eq(tasks.id, taskId))]);
  return taskFor(rows[0], viewer);
}

const randomCode = () => String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, "0");

/** An admin posts a task; the answer carries the 6-digit check-in code. Audited. */
export async function createTask(db: Db, actor: Principal, body: TaskBody, now = Date.now()): Promise<AdminTask> {
  assertAdmin(actor);
  const id = newId("tsk");
  const teamId = body.teamId ?? null;
  const [inserted, , view] = await db.batch([
    insertSelect(
      db,
      tasks,
      {
        id,
        title: body.title,
        description: body.description,
        location: body.location,
        startsAt: Date.parse(body.startsAt),
        endsAt: Date.parse(body.endsAt),
        capacity: body.capacity,
        teamId,
        checkInCode: randomCode(),
        createdBy: actor.id,
        createdAt: now,
      },
      sql`where ${teamId} is null or exists (select 1 from teams where id = ${teamId})`,
    ).returning({ id: tasks.id }),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "task.create", target: { kind: "task", id }, outcome: "ok", detail: { title: body.title } },
      sql`exists (select 1 from tasks where id = ${id})`,
      now,
    ),
    taskQuery(db, null).where(eq(tasks.id, id)),
  ]);
  if (inserted.length === 0 || !view[0]) throw validationFailed([{ field: "teamId", message: "所选队伍不存在" }]);
  return toAdminTask(view[0]);
}

/**
 * A volunteer signs up, in one round trip. The insert itself counts the places taken (so parallel
 * sign-ups never exceed the capacity), checks team membership when the task is limited to a team,
 * and that the task has not ended; the partial unique index refuses a second live sign-up.
 */
export async function signUp(db: Db, resident: ResidentPrincipal, taskId: string, now = Date.now()) {
  const id = newId("sgn");
  const [inserted, taskRows, memberRows, mineRows] = await db.batch([
    insertSelect(
      db,
      taskSignups,
      { id, taskId: sql`t.id`, userId: resident.id, status: "signed_up", signedUpAt: now },
      sql`
        from tasks t
        where t.id = ${taskId} and t.ends_at > ${now}
          and (select count(*) from task_signups s where s.task_id = t.id and s.status <> 'withdrawn') < t.capacity
          and exists (select 1 from team_members m where m.user_id = ${resident.id} and m.status = 'active' and (t.team_id is null or m.team_id = t.team_id))`,
    )
      .onConflictDoNothing()
      .returning({ id: taskSignups.id }),
    db.select({ endsAt: tasks.endsAt, teamId: tasks.teamId, teamName, signedUpCount, capacity: tasks.capacity }).from(tasks).leftJoin(teams, eq(teams.id, tasks.teamId)).where(eq(tasks.id, taskId)),
    db.select({ teamId: sql<string>`team_id`.as("member_team_id") }).from(sql`team_members`).where(sql`user_id = ${resident.id} and status = 'active'`),
    db.select({ id: taskSignups.id }).from(taskSignups).where(and(eq(taskSignups.taskId, taskId), eq(taskSignups.userId, resident.id), sql`${taskSignups.status} <> 'withdrawn'`)),
  ]);
  if (inserted.length === 1) return { id, status: "signed_up" as const };
  const task = taskRows[0];
  if (!task) throw notFound("找不到这个任务");
  if (mineRows.length > 0) throw new ApiError(409, "ALREADY_SIGNED_UP", "你已经报名了这个任务");
  if (memberRows.length === 0) throw forbidden("加入志愿队伍后才能报名志愿任务", "NOT_A_VOLUNTEER");
  if (task.teamId && !memberRows.some((m) => m.teamId === task.teamId)) throw forbidden(`这个任务仅限${task.teamName ?? "指定队伍"}的队员报名`);
  if (task.endsAt <= now) throw new ApiError(422, "TASK_ENDED", "这个任务已经结束了");
  throw new ApiError(409, "TASK_FULL", "名额已满，下次早点报名哦");
}

async function signupTransition(
  db: Db,
  resident: ResidentPrincipal,
  taskId: string,
  set: SQLiteUpdateSetSource<typeof taskSignups>,
  from: "signed_up" | "checked_in",
  extraGuard: ReturnType<typeof sql> | undefined,
  also: Parameters<Db["batch"]>[0][number][] = [],
) {
  const [changed, ...rest] = await db.batch([
    db
      .update(taskSignups)
      .set(set)
      .where(and(eq(taskSignups.taskId, taskId), eq(taskSignups.userId, resident.id), eq(taskSignups.status, from), extraGuard))
      .returning({ id: taskSignups.id, status: taskSignups.status, creditedMinutes: taskSignups.creditedMinutes }),
    ...also,
    db
      .select({ status: taskSignups.status, startsAt: tasks.startsAt, endsAt: tasks.endsAt, code: tasks.checkInCode })
      .from(tasks)
      .leftJoin(taskSignups, and(eq(taskSignups.taskId, tasks.id), eq(taskSignups.userId, resident.id), sql`${taskSignups.status} <> 'withdrawn'`))
      .where(eq(tasks.id, taskId)),
  ]);
  const state = (rest[rest.length - 1] as { status: string | null; startsAt: number; endsAt: number; code: string }[])[0];
  return { changed: (changed as { id: string; status: string; creditedMinutes: number | null }[])[0], state, also: rest.slice(0, -1) };
}

/** Withdraws a sign-up before check-in. */
export async function withdraw(db: Db, resident: ResidentPrincipal, taskId: string, now = Date.now()) {
  const { changed, state } = await signupTransition(db, resident, taskId, { status: "withdrawn", withdrawnAt: now }, "signed_up", undefined);
  if (changed) return;
  if (!state) throw notFound("找不到这个任务");
  if (!state.status) throw notFound("你没有报名这个任务");
  throw new ApiError(409, "INVALID_TRANSITION", "已经签到，不能取消报名了");
}

/**
 * Checks in with the organiser's code, from 30 minutes before the start until the end, in one
 * round trip. A code is only 6 digits, so wrong ones are counted per volunteer and task: after
 * `CHECK_IN_ATTEMPTS.max` in the window even the right code waits (429). The lock-out guard and
 * the count sit in the same batch as the check-in, so parallel guesses cannot slip past it.
 */
export async function checkIn(db: Db, resident: ResidentPrincipal, taskId: string, body: CheckInBody, now = Date.now()) {
  const scope = `check_in:${taskId}`;
  // The SQL twin of shared's checkInWindow(), which the mini-program shows the same window with.
  const inWindow = sql`${now} between t.starts_at - ${CHECK_IN_OPENS_BEFORE_START_MS} and t.ends_at`;
  const guard = sql`exists (select 1 from tasks t where t.id = ${taskId} and t.check_in_code = ${body.code} and ${inWindow})
    and ${notLockedOut(CHECK_IN_ATTEMPTS, scope, resident.id, now)}`;
  // Only a guess that the code alone refused counts: the other refusals reveal nothing about it.
  const wrongCodeOnly = sql`exists (select 1 from tasks t join task_signups s on s.task_id = t.id
    where t.id = ${taskId} and s.user_id = ${resident.id} and s.status = 'signed_up' and t.check_in_code <> ${body.code} and ${inWindow})`;
  const { changed, state, also } = await signupTransition(db, resident, taskId, { status: "checked_in", checkedInAt: now }, "signed_up", guard, [
    recordFailedAttempt(db, CHECK_IN_ATTEMPTS, scope, resident.id, wrongCodeOnly, now),
    readLockOut(db, CHECK_IN_ATTEMPTS, scope, resident.id, now),
  ]);
  if (changed) return { status: "checked_in" as const, checkedInAt: toShanghaiIso(now) };
  if (!state) throw notFound("找不到这个任务");
  if (!state.status) throw notFound("你没有报名这个任务");
  if (state.status !== "signed_up") throw new ApiError(409, "INVALID_TRANSITION", state.status === "checked_in" ? "你已经签到过了" : "这个报名已经结束了");
  const window = checkInWindow(state, now);
  if (window === "early") throw new ApiError(422, "CHECK_IN_NOT_OPEN", "任务开始前30分钟才能签到");
  if (window === "over") throw new ApiError(422, "CHECK_IN_CLOSED", "任务已经结束，不能再签到了");
  const [counted, lock] = also as [{ count: number }[], { windowStartedAt: number }[]];
  if (counted.length === 0 && lock[0]) throw lockedOut(CHECK_IN_ATTEMPTS, lock[0].windowStartedAt, now);
  throw new ApiError(422, "WRONG_CHECK_IN_CODE", "签到码不对，请向组织者核对");
}

/**
 * SQL for the minutes a sign-up earns when checked out at `at`: time in, a started minute counting
 * as a whole one, capped at the task's length + 30.
 */
const earnedMinutes = (at: number | ReturnType<typeof sql>) =>
  // Bound JS numbers arrive as REAL, so the division is cast back to whole minutes.
  sql`max(0, min(cast((${at} - ${taskSignups.checkedInAt} + 59999) / 60000 as integer), cast((select ends_at - starts_at from tasks where tasks.id = ${taskSignups.taskId}) / 60000 as integer) + ${OVERTIME_ALLOWANCE_MIN}))`;

/** Checks out, crediting the minutes to the ledger in the same batch, once. */
export async function checkOut(db: Db, resident: ResidentPrincipal, taskId: string, now = Date.now()) {
  const { changed, state } = await signupTransition(
    db,
    resident,
    taskId,
    { status: "checked_out", checkedOutAt: now, checkedOutBy: "volunteer", creditedMinutes: sql`${earnedMinutes(now)}` },
    "checked_in",
    undefined,
    [creditTaskSignups(db, sql`s.task_id = ${taskId} and s.user_id = ${resident.id} and s.checked_out_at = ${now}`, now)],
  );
  if (changed) return { status: "checked_out" as const, creditedMinutes: changed.creditedMinutes ?? 0 };
  if (!state) throw notFound("找不到这个任务");
  if (!state.status) throw notFound("你没有报名这个任务");
  throw new ApiError(409, "INVALID_TRANSITION", state.status === "signed_up" ? "请先签到" : "你已经签退过了");
}

/**
 * The scheduled job: anyone still checked in 2 hours after their task ended is checked out,
 * credited for their time until the end of the task (capped like a normal check-out).
 */
export async function autoCheckOut(db: Db, now = Date.now()) {
  const due = sql`${taskSignups.status} = 'checked_in' and ${taskSignups.taskId} in (select id from tasks where ends_at + ${AUTO_CHECK_OUT_AFTER_MS} <= ${now})`;
  const endOfTask = sql`(select ends_at from tasks where tasks.id = ${taskSignups.taskId})`;
  const [closed] = await db.batch([
    db
      .update(taskSignups)
      .set({ status: "checked_out", checkedOutAt: now, checkedOutBy: "auto", creditedMinutes: sql`${earnedMinutes(endOfTask)}` })
      .where(due)
      .returning({ id: taskSignups.id }),
    creditTaskSignups(db, sql`s.checked_out_at = ${now} and s.checked_out_by = 'auto'`, now),
  ]);
  return { checkedOut: closed.length };
}

/** The roster of one task for the organiser: each volunteer and where they are. Admins only. */
export async function taskRoster(db: Db, actor: Principal, taskId: string) {
  assertAdmin(actor);
  return db
    .select({
      signupId: taskSignups.id,
      userId: taskSignups.userId,
      name: volunteerName(users).as("volunteer_name"),
      phone: users.phone,
      status: taskSignups.status,
      signedUpAt: taskSignups.signedUpAt,
      checkedInAt: taskSignups.checkedInAt,
      checkedOutAt: taskSignups.checkedOutAt,
      creditedMinutes: taskSignups.creditedMinutes,
    })
    .from(taskSignups)
    .innerJoin(users, eq(users.id, taskSignups.userId))
    .where(eq(taskSignups.taskId, taskId))
    .orderBy(asc(taskSignups.signedUpAt));
}

/** Every task (past ones too) for the console, newest start first. Admins only. */
export async function listTasksForAdmin(db: Db, actor: Principal) {
  assertAdmin(actor);
  const rows = await taskQuery(db, null).orderBy(sql`${tasks.startsAt} desc`).limit(200);
  return rows.map(toAdminTask);
}

import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import { admin, at, booking, dayFromNow, driver, examSession, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

/** The reminder cron of wrangler.toml: 10:00 UTC is 18:00 in Beijing. */
const REMINDER_CRON = "0 10 * * *";
const DAY = 24 * 3600_000;

async function runCron(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: REMINDER_CRON, scheduledTime }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** 18:00 Beijing time on the evening before `date` (`YYYY-MM-DD`). */
const eveningBefore = (date: string) => Date.parse(at(date, "18:00")) - DAY;

async function createTask(startsAt: string, title: string) {
  const end = new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString();
  const res = await api("POST", "/admin/tasks", {
    token: await admin(),
    body: { title, description: "为社区老人测量血压", location: "社区活动室", startsAt, endsAt: end, capacity: 10 },
  });
  if (res.status !== 201) throw new Error(`task refused: ${res.text}`);
  return res.body.id as string;
}

async function signUp(token: string, taskId: string) {
  const res = await api("POST", `/tasks/${taskId}/signup`, { token });
  if (res.status !== 201) throw new Error(`sign-up refused: ${res.text}`);
}

const remindersOf = (userId: string) =>
  rows<{ kind: string; event_key: string; title: string; body: string; page: string }>(
    "select kind, event_key, title, body, page from notifications where user_id = ? and kind in ('ride_reminder', 'task_reminder') order by kind",
    userId,
  );

describe("reminders the evening before", () => {
  it("18:00 the evening before: family and driver of tomorrow's ride, and each signed-up volunteer, are reminded once", async () => {
    const session = await examSession();
    const [tomorrow, later] = session.examDates as [string, string];

    const family = await residentLogin("rem-family");
    const booked = await api("POST", "/rides", { token: family.token, body: booking(session) });
    expect(booked.status).toBe(201);
    const d = await driver("rem-driver");
    expect((await api("POST", `/rides/${booked.body.id}/accept`, { token: d.token })).status).toBe(200);
    // The family asked for WeChat messages about rides: the reminder goes to the outbox too.
    await env.DB.prepare("insert into subscription_grants (user_id, kind, count, updated_at) values (?, 'ride_reminder', 1, 0)").bind(family.user.id).run();

    const waiting = await residentLogin("rem-waiting");
    const unassigned = await api("POST", "/rides", { token: waiting.token, body: booking(session, { studentName: "王小红" }) });
    expect(unassigned.status).toBe(201);

    const otherDay = await residentLogin("rem-other-day");
    expect((await api("POST", "/rides", { token: otherDay.token, body: booking(session, { examDate: later, pickupAt: at(later, "07:00") }) })).status).toBe(201);
    const cancelled = await residentLogin("rem-cancelled");
    const toCancel = await api("POST", "/rides", { token: cancelled.token, body: booking(session, { studentName: "赵小刚" }) });
    expect((await api("POST", `/rides/${toCancel.body.id}/cancel`, { token: cancelled.token })).status).toBe(200);

    const task = await createTask(at(tomorrow, "09:00"), "社区义诊");
    const laterTask = await createTask(at(later, "09:00"), "后天的义诊");
    const stays = await volunteer("rem-vol-stays", "钱志愿");
    const withdraws = await volunteer("rem-vol-withdraws", "孙志愿");
    const laterOnly = await volunteer("rem-vol-later", "周志愿");
    await signUp(stays.token, task);
    await signUp(withdraws.token, task);
    expect((await api("DELETE", `/tasks/${task}/signup`, { token: withdraws.token })).status).toBe(204);
    await signUp(laterOnly.token, laterTask);

    await runCron(eveningBefore(tomorrow));

    const familyReminders = await remindersOf(family.user.id);
    expect(familyReminders).toEqual([{ kind: "ride_reminder", event_key: `ride_reminder:${booked.body.id}`, title: "明日送考提醒", body: expect.stringContaining("赵师傅"), page: "/pages/ride-mine/index" }]);
    expect(familyReminders[0]!.body).toContain("07:00");
    expect(familyReminders[0]!.body).toContain("辽A12345");
    const sends = await rows("select s.status from notification_sends s join notifications n on n.id = s.notification_id where n.user_id = ? and n.kind = 'ride_reminder'", family.user.id);
    expect(sends).toEqual([{ status: expect.stringMatching(/^(pending|sending|sent)$/) }]);

    const driverReminders = await remindersOf(d.user.id);
    expect(driverReminders).toEqual([{ kind: "ride_reminder", event_key: `ride_reminder:${booked.body.id}`, title: "明日送考提醒", body: expect.stringContaining("沈阳市第二十中学考点"), page: "/pages/driver-mine/index" }]);
    // The family's phone and address stay in the ride's page, not in a message.
    expect(driverReminders[0]!.body).not.toContain("13912340000");

    const waitingReminders = await remindersOf(waiting.user.id);
    expect(waitingReminders).toEqual([{ kind: "ride_reminder", event_key: `ride_reminder:${unassigned.body.id}`, title: "明日送考提醒", body: expect.stringContaining("正在为你安排司机"), page: "/pages/ride-mine/index" }]);

    expect(await remindersOf(otherDay.user.id)).toEqual([]);
    expect(await remindersOf(cancelled.user.id)).toEqual([]);

    expect(await remindersOf(stays.user.id)).toEqual([
      { kind: "task_reminder", event_key: `task_reminder:${task}`, title: "明日服务提醒", body: expect.stringContaining("社区义诊"), page: `/pages/task-detail/index?id=${task}` },
    ]);
    expect(await remindersOf(withdraws.user.id)).toEqual([]);
    expect(await remindersOf(laterOnly.user.id)).toEqual([]);

    const before = await rows("select id from notifications order by id");
    await runCron(eveningBefore(tomorrow));
    await runCron(eveningBefore(tomorrow) + 5 * 60_000);
    expect(await rows("select id from notifications order by id")).toEqual(before);
  });

  it("a run on another evening reminds nobody of rides or tasks that are not tomorrow", async () => {
    const session = await examSession({ examDates: [dayFromNow(30)] });
    const family = await residentLogin("rem-two-days");
    expect((await api("POST", "/rides", { token: family.token, body: booking(session) })).status).toBe(201);
    await runCron(eveningBefore(session.examDates[0]!) - DAY);
    expect(await remindersOf(family.user.id)).toEqual([]);
    await runCron(eveningBefore(session.examDates[0]!));
    expect(await remindersOf(family.user.id)).toHaveLength(1);
  });
});

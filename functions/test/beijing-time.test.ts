import { CHECK_IN_OPENS_BEFORE_START_MS, beijingClock, beijingLocalInput, beijingMidnight, checkInWindow, shanghaiDate, toShanghaiIso } from "@renxing/shared";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import { checkIn } from "../src/services/tasks";
import { admin, volunteer } from "./fixtures";
import { api } from "./helpers";

describe("Beijing time, one home in shared/", () => {
  it("an instant reads as Beijing's date and clock, whatever the machine's zone", () => {
    const lateEvening = Date.parse("2027-06-06T16:30:00Z");
    expect(shanghaiDate(lateEvening)).toBe("2027-06-07");
    expect(beijingClock(lateEvening)).toBe("00:30");
    expect(beijingLocalInput(lateEvening)).toBe("2027-06-07T00:30");
    expect(toShanghaiIso(lateEvening)).toBe("2027-06-07T00:30:00.000+08:00");
    expect(beijingMidnight("2027-06-07")).toBe(Date.parse("2027-06-07T00:00:00+08:00"));
  });

  it("the check-in window opens 30 minutes before the start and closes after the end, edges included", () => {
    const task = { startsAt: Date.parse("2027-06-07T09:00:00+08:00"), endsAt: Date.parse("2027-06-07T11:00:00+08:00") };
    expect(CHECK_IN_OPENS_BEFORE_START_MS).toBe(30 * 60_000);
    expect(checkInWindow(task, task.startsAt - 30 * 60_000 - 1)).toBe("early");
    expect(checkInWindow(task, task.startsAt - 30 * 60_000)).toBe("open");
    expect(checkInWindow(task, task.endsAt)).toBe("open");
    expect(checkInWindow(task, task.endsAt + 1)).toBe("over");
  });

  it("the API refuses a check-in one moment before the window the mini-program shows, and takes one at its opening", async () => {
    const startsAt = Date.now() + 3 * 3600_000;
    const created = await api("POST", "/admin/tasks", {
      token: await admin(),
      body: { title: "社区义诊", description: "请医生为老人量血压、测血糖", location: "仁兴社区卫生服务站", startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3600_000).toISOString(), capacity: 5 },
    });
    const task = created.body as { id: string; checkInCode: string; startsAt: string };
    const v = await volunteer("window-edge");
    await api("POST", `/tasks/${task.id}/signup`, { token: v.token });
    const who = { kind: "user" as const, id: v.user.id, openid: "", tokenHash: "" };
    const opening = Date.parse(task.startsAt) - CHECK_IN_OPENS_BEFORE_START_MS;

    const early = await checkIn(getDb(env.DB), who, task.id, { code: task.checkInCode }, opening - 1).catch((e) => e);
    expect(early.code).toBe("CHECK_IN_NOT_OPEN");
    expect(await checkIn(getDb(env.DB), who, task.id, { code: task.checkInCode }, opening)).toMatchObject({ status: "checked_in" });
  });
});

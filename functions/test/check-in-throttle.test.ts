import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import type { ResidentPrincipal } from "../src/env";
import { ApiError } from "../src/http/errors";
import { checkIn } from "../src/services/tasks";
import { admin, volunteer } from "./fixtures";
import { api, rows } from "./helpers";

const MIN = 60_000;

async function newTask() {
  const start = Date.now() + 10 * MIN;
  const res = await api("POST", "/admin/tasks", {
    token: await admin(),
    body: { title: "清扫楼道", description: "周末一起打扫3号楼楼道", location: "仁兴小区3号楼", startsAt: new Date(start).toISOString(), endsAt: new Date(start + 60 * MIN).toISOString(), capacity: 10 },
  });
  if (res.status !== 201) throw new Error(res.text);
  return res.body as { id: string; checkInCode: string };
}

async function signedUp(task: { id: string }, openid: string) {
  const v = await volunteer(openid);
  const res = await api("POST", `/tasks/${task.id}/signup`, { token: v.token });
  if (res.status !== 201) throw new Error(res.text);
  return v;
}

/** Six digits that are not `code`, different for each `i`. */
const wrongCode = (code: string, i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
const checkInWith = (token: string, taskId: string, code: string) => api("POST", `/tasks/${taskId}/check-in`, { token, body: { code } });

describe("check-in codes cannot be walked", () => {
  it("12 wrong codes at once: 5 are told the code is wrong, 7 are refused; then even the right code waits out the 10 minutes", async () => {
    const task = await newTask();
    const v = await signedUp(task, "walker");
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => checkInWith(v.token, task.id, wrongCode(task.checkInCode, i))));

    const wrong = results.filter((r) => r.status === 422);
    const limited = results.filter((r) => r.status === 429);
    expect(wrong).toHaveLength(5);
    for (const r of wrong) expect(r.body.error.code).toBe("WRONG_CHECK_IN_CODE");
    expect(limited).toHaveLength(7);
    for (const r of limited) {
      expect(r.body.error.code).toBe("RATE_LIMITED");
      expect(r.body.error.message).toMatch(/10分钟后再试/);
    }

    const right = await checkInWith(v.token, task.id, task.checkInCode);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe("RATE_LIMITED");
    expect(await rows("select status from task_signups where task_id = ? and user_id = ?", task.id, v.user.id)).toEqual([{ status: "signed_up" }]);

    const me: ResidentPrincipal = { kind: "user", id: v.user.id, openid: "", tokenHash: "" };
    const db = getDb(env.DB);
    const nineMinutesOn = await checkIn(db, me, task.id, { code: task.checkInCode }, Date.now() + 9 * MIN).catch((e: unknown) => e);
    expect(nineMinutesOn).toBeInstanceOf(ApiError);
    expect((nineMinutesOn as ApiError).status).toBe(429);
    expect((nineMinutesOn as ApiError).message).toMatch(/1分钟后再试/);

    const tenMinutesOn = await checkIn(db, me, task.id, { code: task.checkInCode }, Date.now() + 10 * MIN + 1000);
    expect(tenMinutesOn.status).toBe("checked_in");
  });

  it("a locked-out volunteer locks out no one else, and only on that task", async () => {
    const task = await newTask();
    const other = await newTask();
    const walker = await signedUp(task, "lock-walker");
    const neighbour = await signedUp(task, "lock-neighbour");
    await api("POST", `/tasks/${other.id}/signup`, { token: walker.token });
    for (let i = 0; i < 5; i++) expect((await checkInWith(walker.token, task.id, wrongCode(task.checkInCode, i))).status).toBe(422);
    expect((await checkInWith(walker.token, task.id, task.checkInCode)).status).toBe(429);

    expect((await checkInWith(neighbour.token, task.id, task.checkInCode)).status).toBe(200);
    expect((await checkInWith(walker.token, other.id, other.checkInCode)).status).toBe(200);
  });

  it("a right code within the limit checks in and a few typos before it do no harm", async () => {
    const task = await newTask();
    const v = await signedUp(task, "typo");
    for (let i = 0; i < 4; i++) expect((await checkInWith(v.token, task.id, wrongCode(task.checkInCode, i))).body.error.code).toBe("WRONG_CHECK_IN_CODE");
    expect((await checkInWith(v.token, task.id, task.checkInCode)).status).toBe(200);
  });
});

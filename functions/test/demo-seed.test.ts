import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { demoStoryStatements } from "../src/db/demo";
import { api, residentLogin, rows } from "./helpers";

describe("the demo story (npm start)", () => {
  it("loads on the real schema, twice without change, and reads through the API as a resident would see it", async () => {
    const load = () => env.DB.batch(demoStoryStatements(Date.now()).map((s) => env.DB.prepare(s)));
    await load();
    const counts = async () => rows("select (select count(*) from wishes) as wishes, (select count(*) from users) as users, (select count(*) from tasks) as tasks");
    const first = await counts();
    await load();
    expect(await counts()).toEqual(first);

    const statuses = (await rows<{ status: string }>("select distinct status from wishes")).map((r) => r.status).sort();
    expect(statuses).toEqual(["cancelled", "claimed", "completed", "fulfilled", "open", "pending_review", "rejected"]);

    const wall = await api("GET", "/wishes");
    expect(wall.body.items.map((w: { wisherName: string }) => w.wisherName)).toContain("张**");
    expect(wall.text).not.toContain("张秀英");

    // Demo residents sign in with dev-login by the openid after "dev:".
    const li = await residentLogin("li-jianguo", "老李");
    const me = (await api("GET", "/me", { token: li.token })).body;
    expect(me).toMatchObject({ realName: "李建国", roles: ["resident", "volunteer", "driver"], totalServiceMinutes: 60, driver: { status: "verified" } });
    expect((await api("GET", "/rides/open", { token: li.token })).body.items).toHaveLength(1);
    const sessions = (await api("GET", "/exam-sessions")).body.items;
    expect(sessions.map((s: { name: string }) => s.name)).toContain("2027年高考");
    expect((await api("GET", "/tasks")).body.items.map((t: { title: string }) => t.title)).toEqual(["走访独居老人", "助老义剪"]);
  });
});

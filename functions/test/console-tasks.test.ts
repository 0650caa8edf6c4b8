import { beijingLocalInput as local } from "@renxing/shared";
import { describe, expect, it } from "vitest";
import { consoleLogin, consolePage } from "./console-helpers";
import { admin, volunteer } from "./fixtures";
import { api, rows } from "./helpers";

describe("console 服务任务 and 服务时长", () => {
  it("creates a task from the form; its page shows the code, a QR code SVG and the roster", async () => {
    const { cookie, csrf } = await consoleLogin();
    const start = Date.now() + 10 * 60_000;
    const res = await consolePage("/tasks", {
      method: "POST",
      cookie,
      form: { _csrf: csrf, title: "助老理发", description: "为行动不便的老人上门理发", location: "仁兴社区党群服务中心", startsAt: local(start), endsAt: local(start + 3600_000), capacity: "5", teamId: "team_6070" },
    });
    expect(res.status).toBe(303);
    const taskPath = res.headers.get("location")!;
    expect(taskPath).toMatch(/^\/console\/tasks\/tsk_/);
    const [task] = await rows<{ id: string; check_in_code: string; team_id: string }>("select id, check_in_code, team_id from tasks where title = '助老理发'");
    expect(task!.team_id).toBe("team_6070");

    const v = await volunteer("roster-vol", "冯大姐");
    await api("POST", `/teams/team_6070/applications`, { token: v.token, body: { realName: "冯大姐", phone: "13600000000", birthYear: 1965, skills: [], availability: "周末", motivation: "" } });
    const pending = (await api("GET", "/admin/applications?status=pending", { token: await admin() })).body.items[0];
    await api("POST", `/admin/applications/${pending.id}/decision`, { token: await admin(), body: { approve: true } });
    expect((await api("POST", `/tasks/${task!.id}/signup`, { token: v.token })).status).toBe(201);

    const detail = await consolePage(taskPath.replace("/console", ""), { cookie });
    expect(detail.status).toBe(200);
    expect(detail.html).toContain(task!.check_in_code);
    // The QR code is drawn in the browser from this (test/e2e/tasks.test.ts sees the svg).
    expect(detail.html).toContain(`data-qr="renxing-checkin:${task!.id}:${task!.check_in_code}"`);
    expect(detail.html).toContain("冯大姐");
    expect(detail.html).toContain("已报名");
    expect(detail.headers.get("content-security-policy")).not.toContain("unsafe-inline");
  });

  it("shows totals and a monthly chart, adds manual hours (audited), and downloads the CSV with a BOM", async () => {
    const v = await volunteer("hours-vol", "褚志愿");
    const { cookie, csrf } = await consoleLogin();
    const added = await consolePage("/hours", { method: "POST", cookie, form: { _csrf: csrf, userId: v.user.id, title: "重阳节敬老活动", minutes: "90", at: local(Date.now() - 86400_000) } });
    expect(added.status).toBe(303);
    const page = await consolePage("/hours", { cookie });
    expect(page.html).toContain("褚志愿");
    expect(page.html).toMatch(/data-minutes="90">1\.5 小时</);
    expect(page.html).toMatch(/<svg[^>]*aria-label="每月服务时长（小时）"/);
    expect(await rows("select action from audit_log where action = 'hours.manual' and target_id = ?", v.user.id)).toHaveLength(1);

    const csv = await consolePage("/hours.csv", { cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.html.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("volunteer,team,source,title,date,minutes");
    expect(csv.html).toContain("褚志愿,马仁兴志愿者服务队,manual,重阳节敬老活动");
  });
});

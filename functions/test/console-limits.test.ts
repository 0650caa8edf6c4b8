import { beijingLocalInput } from "@renxing/shared";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dayFromNow } from "./fixtures";
import { consoleLogin, consolePage, ORIGIN } from "./console-helpers";

/** A raw POST to the console, as a script (not our form) would send it. */
async function post(path: string, body: string, contentType: string, cookie?: string) {
  const headers: Record<string, string> = { origin: ORIGIN, "content-type": contentType };
  if (cookie) headers.cookie = cookie;
  const res = await exports.default.fetch(new Request(`${ORIGIN}/console${path}`, { method: "POST", headers, body, redirect: "manual" }));
  return { status: res.status, text: await res.text() };
}

const BROKEN_MULTIPART = "multipart/form-data; boundary=----never-closed";
const brokenBody = "------never-closed\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin";

describe("console request bodies", () => {
  it("the sign-in form refuses a body over 16 KB with 413 and a Chinese message", async () => {
    const res = await post("/login", new URLSearchParams({ username: "admin", password: "x".repeat(17 * 1024) }).toString(), "application/x-www-form-urlencoded");
    expect(res.status).toBe(413);
    expect(res.text).toContain("提交的内容太多");
  });

  it("a malformed multipart body to the sign-in form is 400, not 500", async () => {
    const res = await post("/login", brokenBody, BROKEN_MULTIPART);
    expect(res.status).toBe(400);
    expect(res.text).toContain("表单");
  });

  it("every signed-in console POST has the same 16 KB limit and answers a broken multipart body with 400", async () => {
    const { cookie, csrf } = await consoleLogin();
    const big = new URLSearchParams({ _csrf: csrf, title: "标题", story: "x".repeat(17 * 1024) }).toString();
    expect((await post("/wishes/record", big, "application/x-www-form-urlencoded", cookie)).status).toBe(413);
    expect((await post("/wishes/record", brokenBody, BROKEN_MULTIPART, cookie)).status).toBe(400);
    expect((await post("/logout", brokenBody, BROKEN_MULTIPART, cookie)).status).toBe(400);
  });

  it("the exam session form at its schema's maximum (30 venues, longest names and addresses) fits in 16 KB as the page sends it", async () => {
    const { cookie, csrf } = await consoleLogin();
    const page = await consolePage("/rides", { cookie });
    expect(page.html).toMatch(/<form method="post" action="\/console\/rides\/sessions"[^>]*enctype="multipart\/form-data"/);

    const form = new FormData();
    form.append("_csrf", csrf);
    form.append("name", "高".repeat(40));
    form.append("kind", "gaokao");
    form.append("examDates", Array.from({ length: 10 }, (_, i) => dayFromNow(40 + i)).join(", "));
    form.append("bookingOpensAt", beijingLocalInput(Date.now()));
    form.append("bookingClosesAt", new Date(Date.now() + 10 * 24 * 3600_000).toISOString().slice(0, 16));
    form.append("venues", Array.from({ length: 30 }, (_, i) => `${String(i).padStart(2, "0")}${"考".repeat(38)}｜${"址".repeat(100)}`).join("\n"));
    const res = await exports.default.fetch(new Request(`${ORIGIN}/console/rides/sessions`, { method: "POST", headers: { origin: ORIGIN, cookie }, body: form, redirect: "manual" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("/console/rides");
  });
});

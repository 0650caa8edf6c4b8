import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { axeCoverage } from "../support/a11y";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { expectConsoleAccessible } from "../support/console";
import { screenshot } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 关爱对象 in the console, with the demo's grid workers: an admin registers an elder of 5号网格 and
 * pairs a volunteer; the volunteer's visit finds something wrong (through the API: the
 * mini-program's side has its own test); grid5 sees the 走访预警 in 消息 and on the elder's page.
 * Every page visited passes axe and the size checks; the list is printed at the end.
 * Screenshots: test/artifacts/screenshots/console-care-*.png.
 */
const GRID = "grd_renxing_05";
/** axe takes a few seconds a page on a loaded 2-core machine, and these tests check many pages. */
const AXE_TIMEOUT = 240_000;
let worker: RunningWorker;
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];
let recipientPath = "";

const shot = (name: string) => screenshot(page, `console-care-${name}`, { fullPage: true });

async function api<T = any>(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${worker.baseUrl}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A resident of 5号网格 approved into 马仁兴志愿者服务队, set up through the API. */
async function gridVolunteer(openid: string, realName: string) {
  const { token, user } = await api<{ token: string; user: { id: string } }>("POST", "/auth/dev-login", null, { openid, nickname: realName });
  await api("PUT", "/me", token, { gridId: GRID });
  const applied = await api<{ id: string }>("POST", "/teams/team_marenxing/applications", token, { realName, phone: "13600005555", birthYear: 1975, skills: [], availability: "周末", motivation: "" });
  const admin = await api<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" });
  await api("POST", `/admin/applications/${applied.id}/decision`, admin.token, { approve: true });
  return { token, userId: user.id };
}

async function signIn(username: string) {
  await page.goto(`${worker.baseUrl}/console/login`);
  await page.fill("#username", username);
  await page.fill("#password", "renxing-admin");
  await Promise.all([page.waitForURL(/\/console$/), page.click("button[type=submit]")]);
}

async function signOut() {
  await Promise.all([page.waitForURL(/\/console\/login$/), page.click("header button:has-text('退出登录')")]);
}

/** Follows a navigation link and checks the page it opens. */
async function openFromNav(label: string) {
  await Promise.all([page.waitForLoadState("load"), page.click(`nav a:has-text('${label}')`)]);
  await expect(page.locator("main h1").textContent()).resolves.toBe(label);
  await expectConsoleAccessible(page, label);
}

beforeAll(async () => {
  worker = await startWorker({ gridWorkers: true });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  page.on("dialog", (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("关爱对象 in the console", () => {
  test("an admin registers an elder with her consent and pairs a volunteer of her grid", async () => {
    await page.goto(`${worker.baseUrl}/console/login`);
    await expectConsoleAccessible(page, "登录");
    await signIn("admin");
    await expectConsoleAccessible(page, "概览");
    const volunteer = await gridVolunteer("console-care-v1", "褚志愿");

    await openFromNav("关爱对象");
    await page.click("summary:has-text('登记关爱对象')");
    await expect(page.locator("form[data-form=register]").textContent()).resolves.toContain("登记前必须征得老人本人同意");
    const form = page.locator("form[data-form=register]");
    await form.locator("input[name=name]").fill("卫桂英");
    await form.locator("select[name=gridId]").selectOption(GRID);
    await form.locator("input[name=address]").fill("仁兴小区5号楼2单元301");
    await form.locator("input[name=phone]").fill("13812345505");
    await form.locator("select[name=riskLevel]").selectOption("high");
    await form.locator("input[name=emergencyName]").fill("卫国强");
    await form.locator("input[name=emergencyPhone]").fill("13912345505");
    await form.locator("input[name=consentAt]").fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    await expectConsoleAccessible(page, "关爱对象（登记表单展开）");
    await Promise.all([page.waitForURL(/\/console\/care\/cre_\w+\?done=registered$/), form.locator("button[type=submit]").click()]);
    recipientPath = new URL(page.url()).pathname;
    await expect(page.locator("[role=status]").textContent()).resolves.toContain("已登记");
    await expect(page.locator("dl.facts").textContent()).resolves.toContain("仁兴小区5号楼2单元301");

    await page.locator("select[name=userId]").selectOption(volunteer.userId);
    await Promise.all([page.waitForURL(/done=paired$/), page.click("form[data-form=pair] button[type=submit]")]);
    await expect(page.locator(`[data-paired="${volunteer.userId}"]`).textContent()).resolves.toContain("褚志愿");
    await expectConsoleAccessible(page, "关爱对象详情");
    await shot("1-recipient");

    // The volunteer's visit finds her short of medicine: the grid worker hears at once.
    const recipientId = recipientPath.split("/").pop()!;
    await api("POST", `/care/${recipientId}/visits`, volunteer.token, { visitedAt: new Date(Date.now() - 600_000).toISOString(), minutes: 30, outcome: "visited", flags: ["medicine"], note: "药快吃完了" }, { "idempotency-key": "console-care-visit-1" });
    await signOut();
  }, AXE_TIMEOUT);

  test("grid5 sees the alert in 消息 and on the elder's page, and marks it read", async () => {
    await signIn("grid5");
    await expect(page.locator("nav a:has-text('消息')").textContent()).resolves.toContain("1 条未读");
    await openFromNav("消息");
    const alert = page.locator("li.message[data-kind=visit_overdue][data-read=false]");
    await expect(alert.textContent()).resolves.toContain("走访预警");
    await expect(alert.textContent()).resolves.toContain("卫桂英");
    await shot("2-messages");

    await Promise.all([page.waitForURL(new RegExp(`${recipientPath}$`)), alert.locator("a:has-text('查看')").click()]);
    const visit = page.locator("tr[data-outcome=visited]");
    await expect(visit.textContent()).resolves.toContain("缺药或不按时吃药");
    await expect(visit.textContent()).resolves.toContain("30 分钟");
    expect(await page.locator("select[name=userId]").count()).toBe(0);
    await expectConsoleAccessible(page, "关爱对象详情（网格员）");

    await openFromNav("消息");
    await Promise.all([page.waitForURL(/done=read$/), page.click("li.message button:has-text('标为已读')")]);
    expect(await page.locator("li.message[data-read=false]").count()).toBe(0);
    await expect(page.locator("nav a:has-text('消息')").textContent()).resolves.not.toContain("未读");
    await expectConsoleAccessible(page, "消息（已读）");

    await openFromNav("走访逾期");
    await openFromNav("关爱统计");
    await expect(page.locator(`tr[data-grid=${GRID}]`).textContent()).resolves.toContain("1");
    await shot("3-stats");
    await openFromNav("关爱对象");
    await expect(page.locator("tbody").textContent()).resolves.toContain("卫桂英");
    await signOut();
  }, AXE_TIMEOUT);

  test("the admin ends care after confirming", async () => {
    await signIn("admin");
    await page.goto(`${worker.baseUrl}${recipientPath}`);
    await Promise.all([page.waitForURL(/done=ended$/), page.click("form[data-form=end] button")]);
    await expect(page.locator("[data-active]").textContent()).resolves.toContain("已结束关爱");
    expect(await page.locator("[data-paired]").count()).toBe(0);
    await expectConsoleAccessible(page, "关爱对象详情（已结束）");
  }, AXE_TIMEOUT);

  test("every other section the admin opens passes axe and the size checks", async () => {
    for (const label of ["队员审核", "心愿审核", "诉求处理", "诉求统计", "走访逾期", "关爱统计", "送考调度", "服务任务", "服务时长", "通知", "接口密钥", "审计日志"]) await openFromNav(label);
    const covered = axeCoverage().map((c) => c.label);
    console.log(`[console-care] pages checked with axe and the size checks: ${covered.join(", ")}`);
    expect(covered.length).toBeGreaterThanOrEqual(20);
    expect(pageErrors, pageErrors.join("\n")).toEqual([]);
  }, AXE_TIMEOUT);
});

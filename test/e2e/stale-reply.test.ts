import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { expectNoSeriousAxeViolations } from "../support/a11y";
import { apiClient, choice, tab, visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * A resident switching the wish wall's category faster than the network answers: a slow reply
 * for the category they left must not replace the list of the one they chose last.
 */
const HEALTH_WISH = { title: "想要一个血压计", story: "每天要量血压，家里的血压计坏了好几天了。", category: "health" };
const REPAIR_WISH = { title: "水龙头漏水请人修", story: "厨房的水龙头一直滴水，自己拧不紧，想请人帮忙。", category: "repair" };
const SLOW_REPLY_MS = 1_500;

let worker: RunningWorker;
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));

  // One published wish in each of two categories, set up through the API.
  const api = apiClient(worker.baseUrl);
  const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: "李爷爷", nickname: "李爷爷" });
  await api("PUT", "/me", token, { realName: "李建国", phone: "13700004444" });
  const staff = await api<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" });
  for (const wish of [HEALTH_WISH, REPAIR_WISH]) {
    const { id } = await api<{ id: string }>("POST", "/wishes", token, wish);
    await api("POST", `/admin/wishes/${id}/review`, staff.token, { approve: true });
  }
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

test("the wall shows the category tapped last even when the one tapped before answers later", async () => {
  await page.goto(worker.baseUrl + "/");
  await tab(page, "微心愿").click();
  const card = (title: string) => visible(page.locator(".item-card", { hasText: title }));
  await card(HEALTH_WISH.title).waitFor();
  await card(REPAIR_WISH.title).waitFor();

  let slowReplies = 0;
  await page.route(/\/api\/v1\/wishes\?.*category=health/, async (route) => {
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, SLOW_REPLY_MS));
    slowReplies += 1;
    await route.fulfill({ response });
  });

  const repairList = page.waitForResponse((r) => /\/api\/v1\/wishes\?.*category=repair/.test(r.url()));
  await choice(page, "医疗健康").click();
  await choice(page, "维修帮忙").click();
  await repairList;
  await expect.poll(() => slowReplies, { timeout: SLOW_REPLY_MS * 4 }).toBe(1);
  // Give React the moment it needs to render whatever the slow reply carried.
  await page.waitForTimeout(500);

  await card(REPAIR_WISH.title).waitFor();
  expect(await card(HEALTH_WISH.title).count()).toBe(0);
  await expectNoSeriousAxeViolations(page, "wishes (filtered)");
  expect(pageErrors).toEqual([]);
});

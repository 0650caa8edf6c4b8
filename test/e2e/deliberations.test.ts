import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { executeSql } from "../support/d1";
import { apiClient, button, confirmModal, elderModeOn, expectAccessible, screenshot, signIn, tab, visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 居民议事厅 around the whole loop on the real Workers (fresh seeded D1), the residents on their
 * phones (375×667) and the admin through the API: the admin names two residents representatives,
 * proposes a topic and moves it to 代表审议 → both representatives find it from 首页 and vote 同意
 * in the mini-program, each after a confirmation → the admin closes the vote (决议公示) → a
 * resident reads the tally and the countdown and lodges an objection → the admin is refused
 * 决议通过 while the publicity runs and while the objection is unanswered (time moved past the
 * publicity by writing the local D1, not waited for), answers it and adopts → the resident sees
 * 决议通过 and the answer. Then 我要建议 / 我的建议, and a 大字模式 pass over every page. Screenshots: test/artifacts/screenshots/deliberations-*.png.
 */
const REPRESENTATIVES = ["孙大姐", "钱大爷"] as const;
const RESIDENT = "吴阿姨";
const TOPIC = {
  title: "6号楼加装电梯",
  background: "6号楼住着二十多位七八十岁的老人，每天爬六层楼梯很吃力，多位居民反映希望加装电梯。",
  proposal: "在6号楼东侧加装一部电梯，费用由产权人按楼层分摊，政府补贴一部分。",
  gridId: "grd_renxing_05",
};
const OBJECTION = "电梯井会挡住一楼住户的采光，希望再考虑一下位置";
const ANSWER = "电梯井改用玻璃幕墙，施工方已测算不影响一楼采光";
const SUGGESTION = { title: "楼道装声控灯", text: "3号楼楼道晚上太黑了，老人下楼不安全，希望装上声控灯" };

let worker: RunningWorker;
let browser: LaunchedBrowser;
let staff = "";
let topicId = "";
const phones: Record<string, Page> = {};
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

const request = <T>(method: string, path: string, token: string | null, body?: unknown) => apiClient(worker.baseUrl)<T>(method, path, token, body);
/** The status and error code of a call expected to be refused. */
async function refusal(method: string, path: string, body: unknown) {
  const res = await fetch(`${worker.baseUrl}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${staff}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code };
}
const READABLE = {
  texts: "taro-text-core, taro-button-core, input, textarea",
  targets: "taro-button-core, .choice, .item-card, .home-entry, .deliberation-vote-choice",
};
const expectReadable = (page: Page) => expectAccessible(page, READABLE);
const topicUrl = () => `/pages/deliberation-detail/index?id=${topicId}`;
const stageTag = (page: Page) => visible(page.locator(".deliberation-detail .status-tag")).first().textContent();

async function phone(nickname: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(`${nickname}: ${error.message}`));
  await signIn(page, worker.baseUrl, nickname);
  phones[nickname] = page;
  return page;
}

async function openTopic(page: Page) {
  await page.goto(worker.baseUrl + topicUrl());
  await visible(page.getByText(TOPIC.title)).first().waitFor();
}

/** The answer to the POST a confirmation sends (`confirmed`: the tap on the modal's 确定). */
async function sentAfter(page: Page, confirmed: Promise<void>, path: string) {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/v1${path}`) && r.request().method() === "POST"), confirmed]);
  return response;
}

async function vote(page: Page) {
  await visible(page.locator(".deliberation-vote-choice", { hasText: "同意" })).click();
  await visible(page.getByText("您投的是“同意”", { exact: false })).waitFor();
  const response = await sentAfter(page, confirmModal(page), `/deliberations/${topicId}/votes`);
  expect(response.status()).toBe(201);
  expect(await response.json()).toEqual({ choice: "approve" });
  await visible(page.getByText("您已投票：同意")).waitFor();
}

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();

  // The admin's side of the story goes through the API: the console has its own browser test.
  staff = (await request<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" })).token;
  for (const nickname of REPRESENTATIVES) {
    const { user } = await request<{ user: { id: string } }>("POST", "/auth/dev-login", null, { openid: nickname, nickname });
    await request("POST", `/admin/representatives/${user.id}`, staff);
  }
  topicId = (await request<{ id: string; stage: string }>("POST", "/admin/deliberations", staff, TOPIC)).id;
  await request("POST", `/admin/deliberations/${topicId}/advance`, staff, { to: "consulting", note: "两委开会商议加装方案" });
  const voting = await request<{ stage: string }>("POST", `/admin/deliberations/${topicId}/advance`, staff, { to: "voting", note: "请居民代表投票" });
  expect(voting.stage).toBe("voting");
  // Each on their own phone, signed in through 我的 as residents do.
  for (const nickname of [...REPRESENTATIVES, RESIDENT]) await phone(nickname);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("a topic from the representatives' vote through publicity to 决议通过", () => {
  test("the first representative finds the topic from 首页's 居民议事厅, with its stage in words", async () => {
    const page = phones[REPRESENTATIVES[0]]!;
    await tab(page, "首页").click();
    await visible(page.locator(".home-entry", { hasText: "居民议事厅" })).click();
    await page.waitForURL(/\/pages\/deliberations\/index/);
    const card = visible(page.locator(".item-card", { hasText: TOPIC.title }));
    await card.waitFor();
    expect(await card.textContent()).toContain("代表审议");
    expect(await card.textContent()).toContain("第五网格");
    await expectReadable(page);
    await screenshot(page, "deliberations-1-list", { fullPage: true });
  });

  test("the topic page shows the vote card, the stepper at 代表审议 in words, and no tally while the vote is open", async () => {
    const page = phones[REPRESENTATIVES[0]]!;
    await visible(page.locator(".item-card", { hasText: TOPIC.title })).click();
    await page.waitForURL(/\/pages\/deliberation-detail\/index/);
    await visible(page.getByText("居民代表投票", { exact: true })).waitFor();
    expect(await visible(page.locator(".deliberation-step-current")).textContent()).toContain("代表审议");
    expect(await visible(page.locator(".deliberation-step-current")).textContent()).toContain("当前阶段");
    // The tally stays hidden while the vote is open.
    expect(await visible(page.getByText("代表表决结果")).count()).toBe(0);
    await expectReadable(page);
  });

  test("the first representative votes 同意 with the large buttons, after a confirmation", async () => {
    const first = phones[REPRESENTATIVES[0]]!;
    await vote(first);
    await screenshot(first, "deliberations-2-voted", { fullPage: true });
    await expectReadable(first);
  });

  test("the second representative votes 同意 too, and after a reload the vote is on record", async () => {
    const second = phones[REPRESENTATIVES[1]]!;
    await openTopic(second);
    await vote(second);
    // A reload asks the server: the vote is on record, the buttons are gone.
    await second.reload();
    await visible(second.getByText("您已投票：同意")).waitFor();
    expect(await visible(second.locator(".deliberation-vote-choice")).count()).toBe(0);
  });

  test("the admin closes the vote: two of two approve, so the resolution is publicized for 5 days", async () => {
    const closed = await request<{ stage: string }>("POST", `/admin/deliberations/${topicId}/advance`, staff, { to: "publicized", note: "表决通过，公示5天" });
    expect(closed.stage).toBe("publicized");
  });

  test("a resident reads the tally and the countdown and lodges an objection after a confirmation", async () => {
    const page = phones[RESIDENT]!;
    await openTopic(page);
    expect(await stageTag(page)).toBe("决议公示");
    expect(await visible(page.locator(".deliberation-vote-choice")).count()).toBe(0);
    await visible(page.getByText("表决通过", { exact: true })).waitFor();
    await visible(page.getByText("同意 2 票，反对 0 票，弃权 0 票")).waitFor();
    expect(await visible(page.locator(".deliberation-countdown")).textContent()).toMatch(/^公示至 \d+月\d+日，还剩 5 天$/);
    await expectReadable(page);

    await visible(page.locator(".deliberation-say textarea")).fill(OBJECTION);
    await button(page, "提出异议").click();
    expect((await sentAfter(page, confirmModal(page), `/deliberations/${topicId}/objections`)).status()).toBe(201);
    const objection = visible(page.locator(".deliberation-entry", { hasText: OBJECTION }));
    await objection.waitFor();
    expect(await objection.textContent()).toContain("等待社区答复");
    await screenshot(page, "deliberations-3-objection", { fullPage: true });
  });

  test("the admin is refused 决议通过 during the publicity and while the objection is unanswered, then answers it and adopts", async () => {
    const adopt = { to: "adopted", note: "公示期满，异议均已答复" };
    expect(await refusal("POST", `/admin/deliberations/${topicId}/advance`, adopt)).toEqual({ status: 409, code: "PUBLICITY_NOT_OVER" });

    // Five days pass: written into the local D1, not waited for.
    await executeSql(worker, `UPDATE deliberations SET publicized_until = ${Date.now() - 60_000} WHERE id = '${topicId}'`);
    expect(await refusal("POST", `/admin/deliberations/${topicId}/advance`, adopt)).toEqual({ status: 409, code: "OBJECTIONS_UNANSWERED" });

    const topic = await request<{ objections: { id: string; text: string | null }[] }>("GET", `/deliberations/${topicId}`, null);
    const objection = topic.objections.find((o) => o.text === OBJECTION)!;
    await request("POST", `/admin/deliberations/${topicId}/objections/${objection.id}/answer`, staff, { answer: ANSWER });
    const adopted = await request<{ stage: string }>("POST", `/admin/deliberations/${topicId}/advance`, staff, adopt);
    expect(adopted.stage).toBe("adopted");
  });

  test("the resident sees 决议通过 and the community's answer on the topic page", async () => {
    const page = phones[RESIDENT]!;
    await openTopic(page);
    expect(await stageTag(page)).toBe("决议通过");
    expect(await visible(page.locator(".deliberation-step-current")).textContent()).toContain("决议通过");
    await visible(page.getByText(`社区答复：${ANSWER}`)).waitFor();
    // Publicity is over: no more objections, no countdown.
    expect(await visible(page.locator(".deliberation-say")).count()).toBe(0);
    expect(await visible(page.locator(".deliberation-countdown")).count()).toBe(0);
    await expectReadable(page);
    await screenshot(page, "deliberations-4-adopted", { fullPage: true });
  });
});

describe("我要建议 and 我的建议", () => {
  test("a resident opens 我的建议 from 我的: nothing yet", async () => {
    const page = phones[RESIDENT]!;
    await page.goto(`${worker.baseUrl}/pages/mine/index`);
    await button(page, "我的建议").click();
    await page.waitForURL(/\/pages\/my-suggestions\/index/);
    await visible(page.getByText("您还没有提过建议")).waitFor();
    await expectReadable(page);
  });

  test("我要建议: the suggestion is sent after a confirmation and shows in 我的建议, waiting for the community", async () => {
    const page = phones[RESIDENT]!;
    await button(page, "我要建议").click();
    await page.waitForURL(/\/pages\/suggestion-post\/index/);
    await visible(page.locator("input[placeholder='例如：5号楼加装电梯']")).fill(SUGGESTION.title);
    await visible(page.locator("textarea")).fill(SUGGESTION.text);
    await expectReadable(page);
    await button(page, "提交建议").click();
    expect((await sentAfter(page, confirmModal(page), "/suggestions")).status()).toBe(201);
    await visible(page.getByText("谢谢您！社区会认真研究", { exact: false })).waitFor();
    await confirmModal(page);

    await page.waitForURL(/\/pages\/my-suggestions\/index/);
    const card = visible(page.locator(".item-card", { hasText: SUGGESTION.title }));
    await card.waitFor();
    expect(await card.textContent()).toContain("社区研究中");
    await expectReadable(page);
  });
});

describe("大字模式", () => {
  test("the list and the topic page honour it, with the same checks at the larger sizes", async () => {
    const page = phones[REPRESENTATIVES[0]]!;
    await page.goto(`${worker.baseUrl}/pages/mine/index`);
    await button(page, "打开大字模式").click();
    await button(page, "关闭大字模式").waitFor();
    expect(await elderModeOn(page)).toBe(true);

    await tab(page, "首页").click();
    await visible(page.locator(".home-entry", { hasText: "居民议事厅" })).click();
    await visible(page.locator(".page.deliberations.elder")).waitFor();
    await visible(page.locator(".item-card", { hasText: TOPIC.title })).waitFor();
    await expectReadable(page);
    await screenshot(page, "deliberations-5-list-elder", { fullPage: true });

    await visible(page.locator(".item-card", { hasText: TOPIC.title })).click();
    await visible(page.locator(".page.deliberation-detail.elder")).waitFor();
    await visible(page.getByText("您已投票：同意")).waitFor();
    await expectReadable(page);
    await screenshot(page, "deliberations-6-topic-elder", { fullPage: true });
  });

  test("我要建议 and 我的建议 honour it too", async () => {
    const page = phones[REPRESENTATIVES[0]]!;
    for (const [url, root] of [["/pages/suggestion-post/index", "suggestion-post"], ["/pages/my-suggestions/index", "my-suggestions"]] as const) {
      await page.goto(worker.baseUrl + url);
      await visible(page.locator(`.page.${root}.elder`)).waitFor();
      await expectReadable(page);
    }
    expect(pageErrors).toEqual([]);
  });
});

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROUTES } from "../../functions/src/routes/table";
import { openApiPath } from "../../scripts/openapi/document";
import { artifactPath } from "../support/artifacts";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * The API reference as a developer meets it: /api/docs in Chromium and /api/v1/openapi.json,
 * both static files of the H5 build (scripts/openapi.ts), served by the real `wrangler dev` with
 * no Worker code. functions/test/openapi.test.ts keeps the route table equal to the served routes.
 */
let worker: RunningWorker;
let browser: LaunchedBrowser;
let page: Page;
/** Page errors and console errors: a CSP violation (a blocked stylesheet, say) is reported there. */
const pageErrors: string[] = [];

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("the API reference", () => {
  test("/api/docs renders every endpoint grouped by feature, styled, under a strict CSP and without errors", async () => {
    const res = await page.goto(`${worker.baseUrl}/api/docs`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toMatch(/^default-src 'none'; style-src 'self'/);
    expect(await page.title()).toBe("仁兴社区志愿服务 API 参考");
    await expect(page.locator("h1").textContent()).resolves.toBe("仁兴社区志愿服务 API 参考");
    await expect(page.locator("section#wishes h2").textContent()).resolves.toContain("微心愿");

    const claim = page.locator("article", { has: page.locator("code.path", { hasText: /^\/api\/v1\/wishes\/\{id\}\/claim$/ }) });
    await expect(claim.locator("h3").textContent()).resolves.toBe("POST /api/v1/wishes/{id}/claim");
    await expect(claim.textContent()).resolves.toContain("partnerId");
    await expect(claim.textContent()).resolves.toContain("Authorization: Bearer");
    expect(await page.locator("article").count()).toBe(ROUTES.length);

    // The stylesheet is a file of its own; a blocked one would leave the method badge unstyled.
    expect(await page.evaluate(`getComputedStyle(document.querySelector("#postWishesIdClaim .method")).backgroundColor`)).toBe("rgb(9, 105, 218)");
    await page.screenshot({ path: artifactPath("screenshots", "api-docs.png") });
    expect(pageErrors).toEqual([]);
  });

  test("/api/v1/openapi.json is OpenAPI 3.1 JSON with every route of the API", async () => {
    const res = await fetch(`${worker.baseUrl}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
  });

  test("the rest of /api stays the Worker's: an unknown path is the contract's JSON 404", async () => {
    const res = await fetch(`${worker.baseUrl}/api/v1/docs`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.any(String) } });
  });
});

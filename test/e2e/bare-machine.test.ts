import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { artifactPath } from "../support/artifacts";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";

/**
 * `npm ci && npm test` on a machine without apt's `chromium` and `fonts-noto-cjk`: the browser
 * tests fall back to the Chromium and the Chinese font that ship in npm packages. The machine is
 * imitated: a PATH holding every program of /usr/bin but chromium, and a fontconfig file that
 * names no font at all.
 */
let scratch: string;
let pathWithoutChromium: string;
let noFonts: string;
let browser: LaunchedBrowser | undefined;
const saved = { PATH: process.env.PATH, CHROMIUM_PATH: process.env.CHROMIUM_PATH, FONTCONFIG_FILE: process.env.FONTCONFIG_FILE };

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "renxing-bare-"));
  const bin = path.join(scratch, "bin");
  mkdirSync(bin);
  for (const program of readdirSync("/usr/bin")) {
    if (!/chrom/.test(program)) symlinkSync(path.join("/usr/bin", program), path.join(bin, program));
  }
  pathWithoutChromium = bin;
  noFonts = path.join(scratch, "no-fonts.conf");
  writeFileSync(noFonts, `<?xml version="1.0"?>\n<fontconfig><cachedir>${scratch}/cache</cachedir></fontconfig>\n`);
});

afterEach(async () => {
  await browser?.close();
  browser = undefined;
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Whether two different characters come out as different ink: with no font for them Chromium
 * draws nothing or the same empty box for both. The page's screenshot is kept for a person.
 */
async function drawsChinese(page: Page, screenshot: string): Promise<boolean> {
  await page.setContent(`<p style="font-size:48px">仁兴社区志愿服务</p>`);
  await page.screenshot({ path: artifactPath("screenshots", screenshot) });
  // A string, not a function: this workspace's types know Node, not the DOM.
  return (await page.evaluate(`(() => {
    const ink = (character) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 64;
      const context = canvas.getContext("2d");
      context.font = "48px sans-serif";
      context.fillText(character, 8, 52);
      return Array.from(context.getImageData(0, 0, 64, 64).data).join();
    };
    const [ren, xing, blank] = [ink("仁"), ink("兴"), ink(" ")];
    return ren !== blank && xing !== blank && ren !== xing;
  })()`)) as boolean;
}

describe("a machine without apt's chromium and fonts-noto-cjk", () => {
  it("with no chromium on the PATH and CHROMIUM_PATH unset, the browser is the npm Chromium and draws Chinese", async () => {
    process.env.PATH = pathWithoutChromium;
    delete process.env.CHROMIUM_PATH;
    process.env.FONTCONFIG_FILE = noFonts;
    browser = await launchBrowser();
    expect(browser.browser.version()).toMatch(/^147\./);
    const page = await (await browser.newContext()).newPage();
    expect(await drawsChinese(page, "bare-machine-npm-chromium.png")).toBe(true);
  });

  it("the Chromium found on the machine still draws Chinese when fontconfig knows no CJK font", async () => {
    process.env.FONTCONFIG_FILE = noFonts;
    browser = await launchBrowser();
    const page = await (await browser.newContext()).newPage();
    expect(await drawsChinese(page, "bare-machine-system-chromium.png")).toBe(true);
  });
});

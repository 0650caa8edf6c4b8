/**
 * Draws the tab bar icons (miniapp/src/assets/tab/*.png, 81×81 as WeChat recommends) from the
 * SVG below with headless Chromium. The PNGs are committed; run this only to change them:
 * `npx tsx scripts/make-tab-icons.ts`.
 */
import path from "node:path";
import { chromium } from "playwright-core";
import { ROOT } from "./wrangler";

const ICONS: Record<string, string> = {
  home: `<path d="M12 38 L40.5 13 L69 38" /><path d="M20 32 V68 H61 V32" /><path d="M34 68 V50 H47 V68" />`,
  teams: `<circle cx="29" cy="28" r="10" /><circle cx="54" cy="31" r="8" /><path d="M10 66 C10 50 19 43 29 43 C39 43 48 50 48 66 Z" /><path d="M50 45 C62 44 71 51 71 64 H53" />`,
  wishes: `<path d="M40.5 67 C18 52 10 41 10 30 C10 20 18 13 27 13 C33 13 38 16 40.5 21 C43 16 48 13 54 13 C63 13 71 20 71 30 C71 41 63 52 40.5 67 Z" />`,
  rides: `<path d="M10 52 V40 L18 24 H63 L71 40 V52 Z" /><path d="M10 40 H71" /><circle cx="23" cy="57" r="7" /><circle cx="58" cy="57" r="7" />`,
  mine: `<circle cx="40.5" cy="27" r="13" /><path d="M14 69 C14 52 26 45 40.5 45 C55 45 67 52 67 69 Z" />`,
};
const COLORS = { "": "#4a4a4a", "-on": "#b71c1c" };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
  for (const [name, shapes] of Object.entries(ICONS)) {
    for (const [suffix, color] of Object.entries(COLORS)) {
      await page.setContent(
        `<body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81" fill="none" stroke="${color}" stroke-width="5" stroke-linejoin="round" stroke-linecap="round">${shapes}</svg></body>`,
      );
      await page.screenshot({ path: path.join(ROOT, "miniapp", "src", "assets", "tab", `${name}${suffix}.png`), omitBackground: true });
    }
  }
} finally {
  await browser.close();
}

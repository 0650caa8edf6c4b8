import type { Page } from "playwright-core";
import { expect } from "vitest";
import { expectNoSeriousAxeViolations } from "./a11y";

/**
 * What every console page a browser test visits must pass: axe with 0 serious or critical
 * violations, no visible text under 16 px (SVG chart labels included), and no button, link, form
 * control or disclosure under 44 px tall (a checkbox or radio is measured by its label, which is
 * what a finger presses). `label` names the page in axe's printed coverage list.
 *
 * @example await expectConsoleAccessible(page, "关爱对象")
 */
export async function expectConsoleAccessible(page: Page, label: string) {
  // The page's own load, stylesheet included: a caller that waited only for the new page's <h1>
  // measured text before console.css applied (13.33 px buttons in CI under load).
  await page.waitForLoadState("load");
  await page.evaluate("document.fonts.ready");
  const found = (await page.evaluate(`(() => {
    const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; };
    const describe = (el) => (el.textContent || el.getAttribute("name") || el.tagName).trim().slice(0, 40);
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el || !shown(el) || el.closest("select")) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 16) small.push(px + "px: " + node.textContent.trim().slice(0, 30));
    }
    for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (shown(el) && px < 16) small.push(px + "px: " + describe(el));
    }
    const tiny = [];
    for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
      const target = el.matches("input[type=checkbox], input[type=radio]") ? el.closest("label") || el : el;
      if (!shown(target)) continue;
      const height = target.getBoundingClientRect().height;
      if (height < 44) tiny.push(Math.round(height) + "px: " + describe(target));
    }
    return { small, tiny };
  })()`)) as { small: string[]; tiny: string[] };
  expect(found.small, `text under 16 px on ${label}`).toEqual([]);
  expect(found.tiny, `tap targets under 44 px on ${label}`).toEqual([]);
  await expectNoSeriousAxeViolations(page, label);
}

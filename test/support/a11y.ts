import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, expect } from "vitest";

/**
 * axe-core on what is on screen, failing on anything serious or critical: those are the
 * violations that stop a screen-reader or keyboard user (an unnamed button, a scroll area the
 * keyboard cannot reach, an aria attribute a reader chokes on). Minor and moderate findings are
 * left to review, not to the build.
 *
 * Every page checked is recorded with its mode (elder when the 大字模式 class is on the page on
 * screen) and the list is printed when the test file ends, so a run shows what axe covered.
 */
const covered: { label: string; mode: "normal" | "elder" }[] = [];

afterAll(() => {
  if (covered.length === 0) return;
  for (const mode of ["normal", "elder"] as const) {
    const labels = covered.filter((c) => c.mode === mode).map((c) => c.label);
    if (labels.length) console.log(`[axe] ${mode} mode, ${labels.length} pages with 0 serious/critical: ${labels.join(", ")}`);
  }
});

/** The pages checked so far in this test file, in order. */
export const axeCoverage = () => covered.map((c) => ({ ...c }));

/**
 * Runs axe on the page as it is now and fails listing each serious or critical violation:
 * rule id, impact, the elements (CSS targets) and axe's help text.
 *
 * @example await expectNoSeriousAxeViolations(page, "微心愿")
 */
export async function expectNoSeriousAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const found = serious.map((v) => `${v.id} (${v.impact}) on ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}: ${v.help}`);
  expect(found, `serious/critical axe violations on ${label}`).toEqual([]);
  const elder = (await page.evaluate(
    `[...document.querySelectorAll(".elder")].some((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; })`,
  )) as boolean;
  covered.push({ label, mode: elder ? "elder" : "normal" });
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "../../scripts/wrangler";

/**
 * The mini-program draws its pages with Taro's own components and our styles: a UI library pulled
 * ~300 packages (a CLI among them) into every `npm ci` for four list rows.
 */
test("no UI library in the lockfile: NutUI is gone", () => {
  const lockfile = readFileSync(path.join(ROOT, "package-lock.json"), "utf8");
  expect(lockfile).not.toMatch(/nutui/i);
});

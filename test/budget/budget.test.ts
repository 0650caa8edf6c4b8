import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { distDir } from "../../scripts/miniapp";

/**
 * Size budgets of the production builds (made by the global setup). WeChat downloads the main
 * package before the first screen (and refuses one over 2 MB): pages few residents open go into
 * subpackages so it stays small as features land. H5 is what a resident on a slow mobile
 * connection waits for before the first page shows.
 */
const WEAPP_MAIN_PACKAGE_BUDGET = 600 * 1024;
const H5_INITIAL_JS_GZIP_BUDGET = 100 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe("size budgets", () => {
  test("the weapp main package is at most 600 KB", () => {
    const root = distDir("weapp");
    const app = JSON.parse(readFileSync(path.join(root, "app.json"), "utf8")) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
    const subRoots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => path.join(root, p.root));
    // What DevTools uploads as the main package: everything but sub-packages and the tool's own config.
    const files = filesUnder(root).filter(
      (file) => !subRoots.some((sub) => file.startsWith(sub + path.sep)) && !/project(\.private)?\.config\.json$/.test(file) && !file.endsWith(".map"),
    );
    const total = files.reduce((sum, file) => sum + statSync(file).size, 0);
    const largest = files
      .map((file) => ({ file: path.relative(root, file), size: statSync(file).size }))
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map((f) => `${f.file} ${kb(f.size)}`)
      .join(", ");
    console.log(`weapp main package: ${kb(total)} in ${files.length} files (budget ${kb(WEAPP_MAIN_PACKAGE_BUDGET)}); largest: ${largest}`);
    expect(total).toBeLessThanOrEqual(WEAPP_MAIN_PACKAGE_BUDGET);
  });

  test("the H5 app's initial JavaScript is at most 100 KB gzipped", () => {
    const root = distDir("h5");
    const html = readFileSync(path.join(root, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((src) => {
      const body = readFileSync(path.join(root, src.replace(/^\//, "")));
      return { src, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    });
    const gzip = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const raw = sizes.reduce((sum, s) => sum + s.raw, 0);
    console.log(
      `H5 initial JS: ${kb(gzip)} gzipped (${kb(raw)} raw) in ${scripts.length} files (budget ${kb(H5_INITIAL_JS_GZIP_BUDGET)}): ` +
        sizes.map((s) => `${s.src} ${kb(s.gzip)}`).join(", "),
    );
    expect(gzip).toBeLessThanOrEqual(H5_INITIAL_JS_GZIP_BUDGET);
  });
});

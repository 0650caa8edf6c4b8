/**
 * Writes the API reference into the H5 build: `tsx scripts/openapi.ts [folder]` (default
 * miniapp/dist/h5). scripts/miniapp.ts runs it after every H5 build, so `npm start` and the tests
 * serve it. Workers static assets serve the files with no Worker code (wrangler.toml keeps these
 * paths out of `run_worker_first`; miniapp/h5/_headers gives the page its CSP):
 *
 * - /api/v1/openapi.json  OpenAPI 3.1, from functions/src/routes/table.ts and the shared schemas
 * - /api/docs             the same, as a page (api/docs.html) with its stylesheet (api/docs.css)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "./openapi/document";
import { referencePage, STYLESHEET } from "./openapi/page";
import { ROOT } from "./wrangler";

export function writeApiReference(folder: string): void {
  const doc = openApiDocument();
  mkdirSync(path.join(folder, "api", "v1"), { recursive: true });
  writeFileSync(path.join(folder, "api", "v1", "openapi.json"), JSON.stringify(doc, null, 2) + "\n");
  writeFileSync(path.join(folder, "api", "docs.html"), referencePage(doc));
  writeFileSync(path.join(folder, "api", "docs.css"), STYLESHEET);
  console.log(`[openapi] ${Object.keys(doc.paths).length} paths → ${path.relative(ROOT, path.join(folder, "api"))}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeApiReference(path.resolve(process.argv[2] ?? path.join(ROOT, "miniapp", "dist", "h5")));
}

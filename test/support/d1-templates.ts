import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate, seed } from "../../scripts/db";

/** The two starting databases the browser tests use: the base seed, and it plus the grid workers. */
export interface D1Templates {
  base: string;
  gridWorkers: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    d1Templates: D1Templates;
  }
}

/**
 * Migrates and seeds each starting database once per run (wrangler's `d1 migrations apply` alone
 * takes about ten seconds), so that a test file's fresh D1 is a copy of a folder, not a rerun.
 * Each copy is still the real migrations' result: the templates are rebuilt on every run.
 */
export async function prepareD1Templates(): Promise<{ templates: D1Templates; remove: () => void }> {
  const root = mkdtempSync(path.join(os.tmpdir(), "renxing-d1-templates-"));
  const base = path.join(root, "base");
  const gridWorkers = path.join(root, "grid-workers");
  migrate(["--persist-to", base], { quiet: true });
  await seed(["--persist-to", base], { quiet: true, demo: false });
  cpSync(base, gridWorkers, { recursive: true });
  await seed(["--persist-to", gridWorkers], { quiet: true, demo: false, gridWorkers: true });
  return { templates: { base, gridWorkers }, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A fresh copy of a template in its own temporary folder, for one `wrangler dev --persist-to`. */
export function copyOfTemplate(template: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "renxing-d1-"));
  cpSync(template, dir, { recursive: true });
  return dir;
}

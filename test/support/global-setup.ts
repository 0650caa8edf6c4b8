import type { TestProject } from "vitest/node";
import { ensureBuilt } from "../../scripts/miniapp";
import { prepareD1Templates } from "./d1-templates";

/**
 * Builds the mini-program once per run (only if its sources changed since the last build): the
 * browser test serves dist/h5, the weapp smoke test loads dist/weapp, the budget test measures both.
 * Migrates and seeds the browser tests' starting databases once (support/d1-templates.ts).
 */
export default async function setup(project: TestProject) {
  ensureBuilt("h5");
  ensureBuilt("weapp");
  const { templates, remove } = await prepareD1Templates();
  project.provide("d1Templates", templates);
  return remove;
}

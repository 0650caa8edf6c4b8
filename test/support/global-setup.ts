import { ensureBuilt } from "../../scripts/miniapp";

/**
 * Builds the mini-program once per run (only if its sources changed since the last build): the
 * browser test serves dist/h5, the weapp smoke test loads dist/weapp, the budget test measures both.
 */
export default function setup() {
  ensureBuilt("h5");
  ensureBuilt("weapp");
}

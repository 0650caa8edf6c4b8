import { mkdirSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../../scripts/wrangler";

/** test/artifacts/ (git-ignored): screenshots and anything else a run wants a person to look at. */
export const ARTIFACTS = path.join(ROOT, "test", "artifacts");

export function artifactPath(...parts: string[]): string {
  const file = path.join(ARTIFACTS, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** Noto Sans SC (as "Noto Sans Hans", five weights of .otf) from `@embedpdf/fonts-sc`. */
const NPM_CJK_FONTS = path.resolve(path.dirname(createRequire(import.meta.url).resolve("@embedpdf/fonts-sc")), "..", "fonts");

/** The fontconfig file in force for `env`, as fontconfig itself finds it. */
function fontconfigFile(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.FONTCONFIG_PATH ?? "/etc/fonts", env.FONTCONFIG_FILE ?? "fonts.conf");
}

/** Whether fontconfig, as `env` configures it, knows a font for Chinese (false when fc-list is absent). */
export function hasCjkFont(env: NodeJS.ProcessEnv): boolean {
  try {
    return execFileSync("fc-list", [":lang=zh", "family"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== "";
  } catch {
    return false;
  }
}

/**
 * A fontconfig file for Chromium that keeps every font `env` already has and adds the npm Noto
 * Sans SC: without a CJK font, screenshots show Chinese as empty boxes.
 *
 * @example
 * const env = { ...process.env, FONTCONFIG_FILE: withNpmCjkFont(process.env) };
 */
export function withNpmCjkFont(env: NodeJS.ProcessEnv): string {
  const base = fontconfigFile(env);
  const folder = path.join(os.tmpdir(), "renxing-fontconfig");
  mkdirSync(folder, { recursive: true });
  // One file per base config: two runs with different fonts never rewrite each other's.
  const file = path.join(folder, `${Buffer.from(base).toString("base64url")}.conf`);
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">${base}</include>
  <dir>${NPM_CJK_FONTS}</dir>
  <cachedir>${path.join(folder, "cache")}</cachedir>
</fontconfig>
`,
  );
  return file;
}

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";

/** The package's own folder (its `exports` hide package.json and bin/ from a plain resolve). */
const PACKAGE_DIR = path.resolve(path.dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium")), "..", "..");

export interface NpmChromium {
  executablePath: string;
  /** NSS and NSPR, which this build needs and a bare Debian lacks (apt's chromium pulls them in). */
  libraryPath: string;
  version: string;
}

/**
 * The Chromium shipped brotli'd inside `@sparticuz/chromium`, unpacked once per machine into
 * `$TMPDIR/renxing-chromium-<version>/` (about 8 s, 210 MB) and reused by later runs.
 *
 * @example
 * const { executablePath, libraryPath } = await unpackNpmChromium();
 */
export async function unpackNpmChromium(): Promise<NpmChromium> {
  const { version } = JSON.parse(readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string };
  const home = path.join(os.tmpdir(), `renxing-chromium-${version}`);
  const found = { executablePath: path.join(home, "chromium"), libraryPath: path.join(home, "al2023", "lib"), version };
  if (existsSync(found.executablePath)) return found;

  // The package unpacks into os.tmpdir() and trusts any `chromium` already there, so a run killed
  // mid-way would leave a truncated binary for every later run. Unpack into a fresh folder and
  // move it into place whole: the folder is complete or absent, and two racing runs both end well.
  const staging = mkdtempSync(path.join(os.tmpdir(), "renxing-chromium-unpacking-"));
  try {
    const { default: Chromium } = await import("@sparticuz/chromium");
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = staging; // read synchronously by executablePath() before its first await
    const unpacking = Chromium.executablePath();
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
    await unpacking;
    // The package only unpacks these libraries on Amazon Linux; they work on Debian too.
    mkdirSync(path.join(staging, "al2023"));
    const libraries = brotliDecompressSync(readFileSync(path.join(PACKAGE_DIR, "bin", "al2023.tar.br")));
    execFileSync("tar", ["-x", "-C", path.join(staging, "al2023")], { input: libraries });
    renameSync(staging, home);
  } catch (error) {
    if (!existsSync(found.executablePath)) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return found;
}

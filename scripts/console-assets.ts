import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CONSOLE_CSS, CONSOLE_JS } from "../functions/src/console/static";
import { ROOT } from "./wrangler";

/**
 * Console files served as static assets beside the H5 build (wrangler.toml keeps their paths out
 * of the Worker), so code only a staff member's browser runs does not weigh on every cold start.
 *
 * `/console/static/qr.js`: draws each `[data-qr]` element's text as a QR code (the check-in code
 * on a task page) with qrcode-generator, ~8 KB gzipped that the Worker used to carry.
 * `/console/static/console.css` and `console.js`: the stylesheet and the confirm script of every
 * console page (functions/src/console/static.ts), ~2.5 KB gzipped the console Worker used to carry.
 */
export function writeConsoleAssets(folder: string): void {
  const library = readFileSync(path.join(ROOT, "node_modules", "qrcode-generator", "dist", "qrcode.js"), "utf8");
  const draw = `
document.querySelectorAll("[data-qr]").forEach(function (el) {
  var qr = qrcode(0, "M");
  qr.addData(el.getAttribute("data-qr"));
  qr.make();
  el.innerHTML = qr.createSvgTag({ cellSize: 6, margin: 2, scalable: true });
});
`;
  mkdirSync(path.join(folder, "console", "static"), { recursive: true });
  // The library is a classic script: its top-level `var qrcode` becomes the global used below.
  writeFileSync(path.join(folder, "console", "static", "qr.js"), `${library}\n${draw}`);
  writeFileSync(path.join(folder, "console", "static", "console.css"), CONSOLE_CSS);
  writeFileSync(path.join(folder, "console", "static", "console.js"), CONSOLE_JS);
}

import vm from "node:vm";
// miniprogram-compiler is CommonJS and ships WeChat's own Linux wcc/wcsc binaries.
import compiler from "miniprogram-compiler";

const MAX_BUFFER = 64 * 1024 * 1024;

export type Generator = (data: Record<string, unknown>, env: Record<string, unknown>, global: Record<string, unknown>) => VNode;
export interface VNode {
  tag?: string;
  attr?: Record<string, unknown>;
  children?: (VNode | string)[];
}

/**
 * Compiles every .wxml under `root` with WeChat's `wcc` (it throws on broken WXML) and returns
 * `$gwx`, WeChat's template lookup: `$gwx("pages/index/index.wxml")(data, {}, {})` renders a page's
 * template with the data the page set, into WeChat's virtual tree.
 */
export function compileWxml(root: string): (path: string) => Generator | undefined {
  const code = compiler.wxmlToJs(root, { maxBuffer: MAX_BUFFER });
  // The template runtime reports problems ("Template `x` not found") on the console: collect them.
  const problems: string[] = [];
  const report = (...args: unknown[]) => void problems.push(args.map(String).join(" "));
  const sandbox: Record<string, unknown> = { console: { log: console.log, info: console.info, warn: report, error: report } };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  const init = vm.runInContext(`(function (global) {${code}\n})`, sandbox) as (g: object) => (path: string) => Generator | undefined;
  const $gwx = init({});
  // wcc's runtime checks `o.constructor === Object` (to hand data to WXS): data must be made in
  // the template's own realm, as WeChat's view layer does, or WXS functions see nothing.
  const inRealm = vm.runInContext("(json) => JSON.parse(json)", sandbox) as (json: string) => Record<string, unknown>;
  return (file) => {
    const generate = $gwx(file);
    if (!generate) return undefined;
    return (data, env, global) => {
      problems.length = 0;
      const tree = generate(inRealm(JSON.stringify(data)), inRealm(JSON.stringify(env)), inRealm(JSON.stringify(global)));
      if (problems.length > 0) throw new Error(`rendering ${file} with WeChat's templates failed:\n${problems.join("\n")}`);
      return tree;
    };
  };
}

/** Compiles every .wxss under `root` with WeChat's `wcsc`; returns the style function per file. */
export function compileWxss(root: string): string {
  // wcsc's wrapper returns (not throws) an Error when the compiler rejects a file.
  const result: unknown = compiler.wxssToJs(root, { maxBuffer: MAX_BUFFER });
  if (result instanceof Error) throw result;
  if (typeof result !== "string" || !result.includes("wxssMap")) throw new Error(`wcsc gave no output: ${String(result).slice(0, 500)}`);
  return result;
}

/** All text in a rendered virtual tree, in document order. */
export function textOf(node: VNode | string | undefined): string {
  if (node === undefined) return "";
  if (typeof node === "string") return node;
  return (node.children ?? []).map(textOf).join("");
}

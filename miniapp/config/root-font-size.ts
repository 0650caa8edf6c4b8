import { createHash } from "node:crypto";
import type { Compiler } from "webpack";

/** The slice of webpack-chain this needs (Taro passes its chain to `h5.webpackChain`). */
interface H5Chain {
  plugin(name: string): {
    get(key: "args"): unknown[] | undefined;
    tap(f: (args: unknown[]) => unknown[]): unknown;
    use(plugin: unknown, args: unknown[]): unknown;
  };
}

/** Adds one file of our own to the build output. */
class EmitFile {
  constructor(
    private readonly name: string,
    private readonly content: string,
  ) {}

  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("EmitFile", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "EmitFile", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset(this.name, new sources.RawSource(this.content));
      });
    });
  }
}

/**
 * Taro writes the script that sizes the root font for its rem units inline in index.html; the H5
 * app's CSP (h5/_headers) allows no inline script. This takes the script Taro computed from the
 * pxtransform config, emits it as its own content-hashed file and hands the template its name
 * (`htmlWebpackPlugin.options.rootFontSizeFile`), so src/index.html loads it with `src`.
 *
 * @example h5: { webpackChain: (chain) => externalRootFontSizeScript(chain) }
 */
export function externalRootFontSizeScript(chain: H5Chain) {
  const html = chain.plugin("htmlWebpackPlugin");
  const [options] = (html.get("args") ?? [{}]) as [{ script?: string }];
  const script = options.script ?? "";
  if (!script) return;
  const file = `js/root-font-size.${createHash("sha256").update(script).digest("hex").slice(0, 8)}.js`;
  html.tap(([current]) => [{ ...(current as object), script: "", rootFontSizeFile: file }]);
  chain.plugin("rootFontSizeScript").use(EmitFile, [file, script]);
}

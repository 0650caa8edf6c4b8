import path from "node:path";
import { defineConfig, type UserConfigExport } from "@tarojs/cli";
import { externalRootFontSizeScript } from "./root-font-size";

/**
 * Taro build config, written by hand in the shape of Taro's official template (no `taro init`).
 * Output goes to dist/<platform>: dist/h5 is served by the Worker as static assets (wrangler.toml
 * [assets]), dist/weapp is the folder to open in WeChat DevTools.
 */

// The sibling `shared/` workspace is plain TypeScript source: Taro compiles it only when included.
const SHARED_SRC = path.resolve(__dirname, "..", "..", "shared", "src");

// npm nests @tarojs/plugin-framework-react under miniapp/node_modules (its optional peer `vite@^4`
// clashes with vitest's vite at the root), where Taro's own runtime packages at the root cannot
// find it. Let webpack look in this workspace's node_modules as well.
const webpackChain = (chain: { resolve: { modules: { add: (dir: string) => void } } }) => {
  chain.resolve.modules.add("node_modules");
  chain.resolve.modules.add(path.resolve(__dirname, "..", "node_modules"));
};

/**
 * Taro's H5 component styles (injected by JS) carry WeChat's icon font as a data URL that only
 * `<Icon>` draws with (4 KB gzipped of the first load). As a file of its own the browser fetches it
 * only when an icon is drawn.
 */
const fontsAsFiles = (chain: { module: { rule: (name: string) => { merge: (rule: object) => unknown } } }) => {
  chain.module.rule("inlineFontsAsFiles").merge({
    scheme: "data",
    mimetype: "application/octet-stream",
    type: "asset/resource",
    generator: { filename: "static/fonts/[contenthash:8].ttf" },
  });
};

export default defineConfig<"webpack5">(async (merge, { command, mode }) => {
  const base: UserConfigExport<"webpack5"> = {
    projectName: "renxing-volunteer",
    date: "2026-11-25",
    // All sizes in src/ are written for a 375-wide phone: 16px there is 16px on a 375 screen.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: "src",
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    env: {
      // weapp talks to an absolute API URL; H5 uses its own origin (see src/api/config.ts).
      // A shell variable wins over nothing; a miniapp/.env file (TARO_APP_API_BASE=...) wins over both.
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ""),
    },
    // h5/_headers: the H5 app's CSP and friends, read by Workers static assets from dist/h5.
    copy: { patterns: process.env.TARO_ENV === "h5" ? [{ from: "h5/_headers", to: "dist/h5" }] : [], options: {} },
    framework: "react",
    compiler: { type: "webpack5", prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      webpackChain,
      compile: { include: [SHARED_SRC] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: "module", generateScopedName: "[name]__[local]___[hash:base64:5]" } },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      webpackChain: (chain: Parameters<typeof webpackChain>[0] & Parameters<typeof externalRootFontSizeScript>[0] & Parameters<typeof fontsAsFiles>[0]) => {
        webpackChain(chain);
        externalRootFontSizeScript(chain);
        fontsAsFiles(chain);
      },
      compile: { include: [SHARED_SRC] },
      publicPath: "/",
      staticDirectory: "static",
      // Every image is a file, never a data URL inside the JavaScript: the inlined tab icons were
      // 9 KB (gzipped) of the first load; as files they download beside it and are cached alone.
      imageUrlLoaderOption: { limit: 1 },
      router: { mode: "browser" },
      output: { filename: "js/[name].[contenthash:8].js", chunkFilename: "js/[name].[contenthash:8].js" },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: "css/[name].[contenthash:8].css",
        chunkFilename: "css/[name].[contenthash:8].css",
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: "module", generateScopedName: "[name]__[local]___[hash:base64:5]" } },
      },
    },
  };
  void command;
  if (mode === "development") return merge({}, base, { mini: {}, h5: {} });
  return merge({}, base, {});
});

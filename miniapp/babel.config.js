// babel-preset-taro: React + TypeScript for the webpack5 runner.
// Targets come from package.json's browserslist. Android is written "Chrome >= 57" (its WebView and
// WeChat's in-app browser are Chromium): babel reads "Android >= 6" as Android 4.4's Chrome 37 and
// compiled everything, Taro's runtime too, to ES5 with regenerator (3 KB gzipped of the H5 first load).
module.exports = {
  presets: [["taro", { framework: "react", ts: true, compiler: "webpack5" }]],
};

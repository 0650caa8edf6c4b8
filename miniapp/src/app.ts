import type { PropsWithChildren } from "react";
import "./app.css";

// Dropped from the weapp build at compile time: only the web build has Taro's DOM tab bar.
if (process.env.TARO_ENV === "h5") {
  require("./h5.css");
  require("./h5-tab-links").cancelJavascriptLinks();
  require("./h5-page-scroll").focusablePageScrollers();
}

/** The app shell: pages render inside it; nothing global to set up beyond the styles. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;

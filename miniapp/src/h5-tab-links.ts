/**
 * Taro's H5 tab bar draws each tab as `<a href="javascript:;">` and switches tabs in its own click
 * handler. Left alone, the browser then follows that `javascript:` link, which the app's CSP
 * (h5/_headers: `script-src 'self'`) blocks and reports on every tap. Cancelling the link's
 * default action leaves Taro's handler to do the switching, and the CSP strict.
 */
export function cancelJavascriptLinks() {
  document.addEventListener(
    "click",
    (event) => {
      // The whole path, not just the target: a link inside a component's shadow root counts too.
      const isJavascriptLink = (node: EventTarget) => node instanceof HTMLAnchorElement && /^javascript:/i.test(node.getAttribute("href") ?? "");
      if (event.composedPath().some(isJavascriptLink)) event.preventDefault();
    },
    true,
  );
}

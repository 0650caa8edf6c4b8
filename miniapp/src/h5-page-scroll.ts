/**
 * Taro's H5 router renders every page in its own `div.taro_page`, and the router's CSS makes that
 * div the page's scroll container (overflow-y: scroll). On a page whose only controls are Taro's
 * buttons (custom elements, not in the tab order) the keyboard cannot reach that scroll area
 * (axe: scrollable-region-focusable). The div is Taro's, not ours to give attributes to, so each
 * one gets tabindex="0" as it appears: once focused, the arrow keys scroll the page.
 */
export function focusablePageScrollers() {
  const mark = () => document.querySelectorAll(".taro_page:not([tabindex])").forEach((page) => page.setAttribute("tabindex", "0"));
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
  mark();
}

// Relative, not "@renxing/shared": vitest.config.ts loads this in Node, which runs no TypeScript from node_modules.
import { NOTIFICATION_KINDS } from "../../shared/src/notifications";

/**
 * WECHAT_TEMPLATES for the tests: every kind has a template, so every notification to a resident
 * holding a grant goes to the fake WeChat. The keywords use the types whose lengths WeChat limits.
 */
export const TEST_TEMPLATES = JSON.stringify(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, { id: `tmpl-${kind}`, data: { thing1: "title", thing2: "body", phrase3: "status", time4: "time" } }])),
);

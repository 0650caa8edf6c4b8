/**
 * WECHAT_TEMPLATES for the tests: every kind has a template, so every notification to a resident
 * holding a grant goes to the fake WeChat. The keywords use the types whose lengths WeChat limits.
 * The kinds are listed here because vitest.config.ts loads this in Node, which cannot import the
 * shared package's TypeScript; notify-delivery.test.ts checks the list against NOTIFICATION_KINDS.
 */
export const TEST_TEMPLATE_KINDS = [
  "application_decided",
  "wish_reviewed",
  "wish_claimed",
  "wish_fulfilled",
  "ride_assigned",
  "ride_progress",
  "ride_reminder",
  "task_reminder",
  "report_update",
  "visit_due",
  "visit_overdue",
  "deliberation_stage",
];

export const TEST_TEMPLATES = JSON.stringify(
  Object.fromEntries(TEST_TEMPLATE_KINDS.map((kind) => [kind, { id: `tmpl-${kind}`, data: { thing1: "title", thing2: "body", phrase3: "status", time4: "time" } }])),
);

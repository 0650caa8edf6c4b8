import type { DeliberationStage } from "@renxing/shared";
import { env } from "cloudflare:test";

let serial = 0;

/**
 * A topic standing at `stage`, written as the steps before it would have left it (the stage
 * machine has its own tests): the records' rules depend only on where a topic is now.
 */
export async function topicAt(stage: DeliberationStage, options: { targetFen?: number | null; title?: string } = {}): Promise<string> {
  const id = `dlb_rec_${++serial}_${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  await env.DB.prepare(
    `insert into deliberations (id, title, background, proposal, grid_id, stage, target_fen, created_by, last_step, stage_changed_at, created_at, updated_at)
     select ?, ?, '3号楼北侧外墙保温层脱落，雨季渗水。', '由产权人众筹、政府指导，请专业单位修缮。', 'grd_renxing_03', ?, ?, id, 'stp_fixture', ?, ?, ? from staff where username = 'admin'`,
  )
    .bind(id, options.title ?? "3号楼外墙修缮", stage, options.targetFen ?? null, now, now, now)
    .run();
  return id;
}

/** A representative's vote, as the vote endpoint would have stored it. */
export async function voted(topicId: string, userId: string, choice: "approve" | "reject" | "abstain" = "approve") {
  await env.DB.prepare("insert into deliberation_votes (deliberation_id, user_id, choice, created_at) values (?, ?, ?, ?)").bind(topicId, userId, choice, Date.now()).run();
}

export const meetingBody = (overrides: Record<string, unknown> = {}) => ({
  heldAt: "2026-05-12T14:00:00+08:00",
  place: "仁兴社区居民议事厅",
  attendees: ["社区党委书记", "长春欧亚集团代表", "产权人王淑华"],
  minutes: "与会各方同意先修缮北侧外墙，费用由产权人众筹、政府指导。",
  ...overrides,
});

export const pledgeBody = (overrides: Record<string, unknown> = {}) => ({ name: "王淑华", unit: "商务楼1-101", amountFen: 1_000_000, ...overrides });

let receipts = 0;
export const paymentBody = (pledgeId: string, overrides: Record<string, unknown> = {}) => ({
  pledgeId,
  amountFen: 500_000,
  paidAt: "2026-06-01",
  method: "transfer",
  receiptNo: `SJ-${++receipts}-${crypto.randomUUID().slice(0, 6)}`,
  ...overrides,
});

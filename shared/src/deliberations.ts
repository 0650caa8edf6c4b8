import * as z from "zod/mini";
import { id, realName } from "./schemas/fields";
import { ListQuery } from "./schemas/list";
import { isoDate, isoDateTime } from "./schemas/time";
import { photoUrl } from "./schemas/wishes";

/**
 * The residents' deliberation hall (居民议事厅, docs/api.md): 党组织提议 → 两委商议 → 代表审议 →
 * 公示决议 → 实施. The server enforces every rule; these lists are what both sides name and show.
 */

export const DELIBERATION_STAGES = ["proposed", "consulting", "voting", "publicized", "adopted", "implementing", "done", "rejected", "withdrawn"] as const;
export type DeliberationStage = (typeof DELIBERATION_STAGES)[number];
export const DELIBERATION_STAGE_LABEL: Record<DeliberationStage, string> = {
  proposed: "党组织提议",
  consulting: "两委商议",
  voting: "代表审议",
  publicized: "决议公示",
  adopted: "决议通过",
  implementing: "实施中",
  done: "已完成",
  rejected: "未通过",
  withdrawn: "已撤回",
};

/** The stepper a topic page shows: the path a topic takes when nothing stops it. */
export const DELIBERATION_PATH = ["proposed", "consulting", "voting", "publicized", "adopted", "implementing", "done"] as const satisfies readonly DeliberationStage[];

/**
 * Where an admin may move a topic from each stage: one step forward, or withdrawn before the vote.
 * `voting → publicized` closes the vote; the rule may land it on `rejected` instead.
 */
export const DELIBERATION_ADVANCES: Record<DeliberationStage, readonly DeliberationStage[]> = {
  proposed: ["consulting", "withdrawn"],
  consulting: ["voting", "withdrawn"],
  voting: ["publicized"],
  publicized: ["adopted"],
  adopted: ["implementing"],
  implementing: ["done"],
  done: [],
  rejected: [],
  withdrawn: [],
};

/** Stages that are over: nothing more happens to the topic. */
export const FINISHED_DELIBERATION_STAGES = ["done", "rejected", "withdrawn"] as const satisfies readonly DeliberationStage[];

/** 公示 lasts at least this many days before the resolution may be adopted. */
export const PUBLICITY_DAYS = 5;

export const VOTE_CHOICES = ["approve", "reject", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export const VOTE_CHOICE_LABEL: Record<VoteChoice, string> = { approve: "同意", reject: "反对", abstain: "弃权" };

export interface Tally {
  approve: number;
  reject: number;
  abstain: number;
  /** Representatives named when the vote closed: the turnout's denominator. */
  representatives: number;
}

/** The rule: at least two thirds of the representatives voted, and more than half of the votes cast approve. */
export function votePasses({ approve, reject, abstain, representatives }: Tally): boolean {
  const cast = approve + reject + abstain;
  return representatives > 0 && cast * 3 >= representatives * 2 && approve * 2 > cast;
}

export const PAYMENT_METHODS = ["cash", "transfer"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABEL: Record<PaymentMethod, string> = { cash: "现金", transfer: "转账" };

/** Money is integer fen: 114,000 yuan is 11,400,000. At most ten million yuan per amount. */
const fen = z.number("金额必须是数字（单位：分）").check(z.int("金额请用整数分"), z.minimum(1, "金额至少1分"), z.maximum(1_000_000_000, "金额超出范围"));

const text = (name: string, min: number, max: number) =>
  z.string(`请填写${name}`).check(z.trim(), z.minLength(min, `${name}至少${min}个字`), z.maxLength(max, `${name}最多${max}个字`));

export const DeliberationBody = z.object({
  title: text("议题名称", 2, 40),
  background: text("背景", 10, 2000),
  proposal: text("提议内容", 10, 2000),
  gridId: z.optional(id),
  targetFen: z.optional(fen),
  fromSuggestionId: z.optional(id),
});
export type DeliberationBody = z.infer<typeof DeliberationBody>;

export const AdvanceBody = z.object({
  to: z.enum(DELIBERATION_STAGES, "没有这个阶段"),
  note: z.optional(z.string().check(z.trim(), z.maxLength(500, "说明最多500个字"))),
});
export type AdvanceBody = z.infer<typeof AdvanceBody>;

export const CommentBody = z.object({ text: text("意见", 2, 500) });
export type CommentBody = z.infer<typeof CommentBody>;

export const VoteBody = z.object({ choice: z.enum(VOTE_CHOICES, "请选择同意、反对或弃权") });
export type VoteBody = z.infer<typeof VoteBody>;

export const ObjectionBody = z.object({ text: text("异议", 5, 500) });
export type ObjectionBody = z.infer<typeof ObjectionBody>;

export const AnswerBody = z.object({ answer: text("答复", 2, 1000) });
export type AnswerBody = z.infer<typeof AnswerBody>;

export const SuggestionBody = z.object({ title: text("建议标题", 2, 40), text: text("建议内容", 10, 1000) });
export type SuggestionBody = z.infer<typeof SuggestionBody>;

export const MeetingBody = z.object({
  heldAt: isoDateTime,
  place: text("会议地点", 2, 60),
  attendees: z.array(text("参会人", 1, 40)).check(z.minLength(1, "请至少填写一位参会人"), z.maxLength(50, "参会人最多50位")),
  minutes: text("会议纪要", 10, 5000),
});
export type MeetingBody = z.infer<typeof MeetingBody>;

/** A pledge staff record for an owner; `userId` links it to the owner's account so they hear of progress. */
export const PledgeBody = z.object({
  name: realName,
  unit: text("房号", 1, 40),
  amountFen: fen,
  userId: z.optional(id),
});
export type PledgeBody = z.infer<typeof PledgeBody>;

export const PaymentBody = z.object({
  pledgeId: id,
  amountFen: fen,
  paidAt: isoDate,
  method: z.enum(PAYMENT_METHODS, "请选择现金或转账"),
  receiptNo: text("收据编号", 1, 40),
});
export type PaymentBody = z.infer<typeof PaymentBody>;

export const ProgressBody = z.object({
  note: text("进展说明", 2, 1000),
  photoUrls: z.optional(z.array(photoUrl).check(z.maxLength(9, "最多9张照片"))),
});
export type ProgressBody = z.infer<typeof ProgressBody>;

export const DeliberationsQuery = z.extend(ListQuery, {
  stage: z.optional(z.enum(DELIBERATION_STAGES, "没有这个阶段")),
});
export type DeliberationsQuery = z.infer<typeof DeliberationsQuery>;

/** Public crowdfunding totals: never names or amounts per person. */
export interface FundingTotals {
  targetFen: number;
  pledgedFen: number;
  receivedFen: number;
  contributors: number;
}

export interface DeliberationListItem {
  id: string;
  title: string;
  stage: DeliberationStage;
  gridName: string | null;
  createdAt: string;
  funding: FundingTotals | null;
}

/** The tally, shown once voting closed: `passed` is votePasses' verdict on the stored counts. */
export interface PublicTally extends Tally {
  passed: boolean;
}

/** One topic as anyone sees it (GET /deliberations/:id): no pledger, objector or voter is named. */
export interface DeliberationDetail {
  id: string;
  title: string;
  background: string;
  proposal: string;
  stage: DeliberationStage;
  stageLabel: string;
  gridId: string | null;
  gridName: string | null;
  createdAt: string;
  stageChangedAt: string;
  timeline: { stage: DeliberationStage; stageLabel: string; note: string | null; at: string }[];
  meetings: { id: string; heldAt: string; place: string; attendees: string[]; minutes: string }[];
  commentCount: number;
  tally: PublicTally | null;
  publicizedUntil: string | null;
  /** `text` is null while WeChat's check held it for a person and staff have not answered it yet. */
  objections: { id: string; text: string | null; answer: string | null; answeredAt: string | null; createdAt: string }[];
  progress: { id: string; note: string; photoUrls: string[]; at: string }[];
  funding: FundingTotals | null;
  /** Only for a signed-in resident: their vote on this topic, and whether the vote card shows. */
  myVote?: VoteChoice | null;
  canVote?: boolean;
}

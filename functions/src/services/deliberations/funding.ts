import { beijingMidnight, DELIBERATION_STAGES, shanghaiDate, toShanghaiIso, type DeliberationStage, type FundingTotals, type PaymentBody, type PaymentMethod, type PledgeBody } from "@renxing/shared";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { assertAdmin, assertStaff } from "../../auth/roles";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { deliberationPayments, deliberationPledges, deliberations, users } from "../../db/schema";
import type { Principal } from "../../env";
import { ApiError, notFound, validationFailed } from "../../http/errors";
import { newId } from "../../lib/ids";
import { auditInsertWhen, staffActor } from "../audit";
import { topicIn, topicNotFound, topicState } from "./records";

/**
 * Crowdfunding (产权人众筹 + 政府指导): staff record owners' pledges and the payments actually
 * received; there is no online payment. Public views show totals only (`fundingColumns`, `fundingOf`);
 * names and amounts per person are for staff (`fundingLedger`, the printable receipt list).
 */

/** A pledge as staff see it. */
export interface Pledge {
  id: string;
  name: string;
  unit: string;
  amountFen: number;
  userId: string | null;
  createdAt: string;
}

export interface Payment {
  id: string;
  pledgeId: string;
  amountFen: number;
  /** The Beijing date the money was received. */
  paidAt: string;
  method: PaymentMethod;
  receiptNo: string;
  createdAt: string;
}

/**
 * A crowdfunded topic takes pledges and money in every stage but these: a `done` topic still
 * takes a late payment, a rejected or withdrawn one no more.
 */
const FUNDING_CLOSED: readonly DeliberationStage[] = ["rejected", "withdrawn"];
const FUNDING_STAGES = DELIBERATION_STAGES.filter((stage) => !FUNDING_CLOSED.includes(stage));
const fundingOpen = (deliberationId: string) => sql`${topicIn(deliberationId, FUNDING_STAGES)} and exists (select 1 from deliberations where id = ${deliberationId} and target_fen is not null)`;

/** Why a pledge or payment was refused, from the topic read in the same batch. */
function fundingRefused(topic: { stage: DeliberationStage; targetFen: number | null }): ApiError {
  if (topic.targetFen === null) return new ApiError(409, "NO_FUNDING_TARGET", "这个议题没有设置众筹目标，不能登记认捐或收款");
  if (FUNDING_CLOSED.includes(topic.stage)) return new ApiError(409, "INVALID_TRANSITION", "议题已未通过或已撤回，不能再登记认捐或收款");
  return topicNotFound();
}

const pledgeView = (row: typeof deliberationPledges.$inferSelect): Pledge => ({
  id: row.id,
  name: row.name,
  unit: row.unit,
  amountFen: row.amountFen,
  userId: row.userId,
  createdAt: toShanghaiIso(row.createdAt),
});

const paymentView = (row: typeof deliberationPayments.$inferSelect): Payment => ({
  id: row.id,
  pledgeId: row.pledgeId,
  amountFen: row.amountFen,
  paidAt: shanghaiDate(row.paidAt),
  method: row.method as PaymentMethod,
  receiptNo: row.receiptNo,
  createdAt: toShanghaiIso(row.createdAt),
});

/**
 * An admin records an owner's pledge (POST /admin/deliberations/:id/pledges), on a topic with a
 * funding target that was not rejected or withdrawn. `userId` links it to the owner's account,
 * so they hear of the topic's progress. One batch: the pledge (guarded by the topic and the
 * account when it runs), its audit entry, and the reads that explain a refusal.
 *
 * @example await recordPledge(db, admin, "dlb_…", { name: "王淑华", unit: "商务楼1-101", amountFen: 1_000_000 }, Date.now())
 */
export async function recordPledge(db: Db, actor: Principal, deliberationId: string, body: PledgeBody, now = Date.now()): Promise<Pledge> {
  assertAdmin(actor);
  const id = newId("dpl");
  const userKnown = body.userId ? sql`exists (select 1 from ${users} where ${eq(users.id, body.userId)})` : sql`1`;
  const [[topic], [account], written] = await db.batch([
    topicState(db, deliberationId),
    db.select({ known: sql<number>`${userKnown}`.as("known") }).from(sql`(select 1)`),
    insertSelect(
      db,
      deliberationPledges,
      { id, deliberationId, name: body.name, unit: body.unit, amountFen: body.amountFen, userId: body.userId ?? null, createdBy: actor.id, createdAt: now },
      sql`where ${fundingOpen(deliberationId)} and ${userKnown}`,
    ).returning(),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "deliberation.pledge", target: { kind: "deliberation", id: deliberationId }, outcome: "ok", detail: { pledgeId: id, amountFen: body.amountFen } },
      sql`exists (select 1 from ${deliberationPledges} where ${eq(deliberationPledges.id, id)})`,
      now,
    ),
  ]);
  const [pledge] = written;
  if (pledge) return pledgeView(pledge);
  if (!topic) throw topicNotFound();
  if (!account?.known) throw validationFailed([{ field: "userId", message: "没有这个居民账号" }]);
  throw fundingRefused(topic);
}

/**
 * An admin records money received against a pledge (POST /admin/deliberations/:id/payments).
 * A pledge's payments may never add up to more than the pledge: the payment is ONE insert …
 * select whose WHERE sums the pledge's payments as it runs, so parallel payments that together
 * exceed it cannot all land (D1 runs statements one at a time). A receipt number is used once per
 * topic (the unique index): a repeat → 409 `DUPLICATE_RECEIPT`. More than is left → 422
 * `PAYMENT_EXCEEDS_PLEDGE`, naming what is left. The date received may not be in the future.
 *
 * @example await recordPayment(db, admin, "dlb_…", { pledgeId: "dpl_…", amountFen: 500_000, paidAt: "2026-06-01", method: "transfer", receiptNo: "DL-001" }, Date.now())
 */
export async function recordPayment(db: Db, actor: Principal, deliberationId: string, body: PaymentBody, now = Date.now()): Promise<Payment> {
  assertAdmin(actor);
  if (body.paidAt > shanghaiDate(now)) throw validationFailed([{ field: "paidAt", message: "收款日期不能晚于今天" }]);
  const id = newId("dpy");
  const paidSoFar = sql`coalesce((select sum(amount_fen) from deliberation_payments where pledge_id = p.id), 0)`;
  const [written, [pledge], [receipt], [topic]] = await db.batch([
    insertSelect(
      db,
      deliberationPayments,
      {
        id,
        deliberationId,
        pledgeId: sql`p.id`,
        amountFen: body.amountFen,
        paidAt: beijingMidnight(body.paidAt),
        method: body.method,
        receiptNo: body.receiptNo,
        createdBy: actor.id,
        createdAt: now,
      },
      sql`from deliberation_pledges p where p.id = ${body.pledgeId} and p.deliberation_id = ${deliberationId}
        and p.amount_fen >= ${paidSoFar} + ${body.amountFen} and ${fundingOpen(deliberationId)}`,
    )
      .onConflictDoNothing()
      .returning(),
    db
      .select({ amountFen: sql<number>`p.amount_fen`.as("amount_fen"), paidFen: sql<number>`coalesce((select sum(pay.amount_fen) from deliberation_payments pay where pay.pledge_id = p.id), 0)`.as("paid_fen") })
      .from(sql`${deliberationPledges} p`)
      .where(sql`p.id = ${body.pledgeId} and p.deliberation_id = ${deliberationId}`),
    db
      .select({ id: deliberationPayments.id })
      .from(deliberationPayments)
      .where(sql`${deliberationPayments.deliberationId} = ${deliberationId} and ${deliberationPayments.receiptNo} = ${body.receiptNo}`),
    topicState(db, deliberationId),
    auditInsertWhen(
      db,
      {
        actor: staffActor(actor),
        action: "deliberation.payment",
        target: { kind: "deliberation", id: deliberationId },
        outcome: "ok",
        detail: { paymentId: id, pledgeId: body.pledgeId, amountFen: body.amountFen, receiptNo: body.receiptNo },
      },
      sql`exists (select 1 from ${deliberationPayments} where ${eq(deliberationPayments.id, id)})`,
      now,
    ),
  ]);
  const [payment] = written;
  if (payment) return paymentView(payment);
  if (!topic) throw topicNotFound();
  if (topic.targetFen === null || FUNDING_CLOSED.includes(topic.stage)) throw fundingRefused(topic);
  if (!pledge) throw notFound("找不到这笔认捐");
  if (receipt) throw new ApiError(409, "DUPLICATE_RECEIPT", `收据编号 ${body.receiptNo} 在这个议题中已经登记过`);
  const left = pledge.amountFen - pledge.paidFen;
  throw new ApiError(422, "PAYMENT_EXCEEDS_PLEDGE", left > 0 ? `这笔认捐只剩 ${yuan(left)} 元未收，收款不能超过认捐金额` : "这笔认捐已经全部收齐，不能再登记收款");
}

/** Fen as yuan for a message: 1234567 → "12,345.67", 500000 → "5,000". */
export function yuan(fen: number): string {
  const whole = Math.floor(fen / 100).toLocaleString("en-US");
  const cents = fen % 100;
  return cents === 0 ? whole : `${whole}.${String(cents).padStart(2, "0")}`;
}

/**
 * The public totals of topics, as SQL columns over a topic id expression (for a list or a page):
 * pledged, received and the number of contributors (one per pledge). Names never leave this.
 *
 * @example db.select({ id: sql`d.id`, ...fundingTotalsColumns(sql`d.id`) }).from(sql`deliberations d`)
 */
export function fundingTotalsColumns(deliberationId: SQL) {
  return {
    pledgedFen: sql<number>`coalesce((select sum(fp.amount_fen) from deliberation_pledges fp where fp.deliberation_id = ${deliberationId}), 0)`.as("pledged_fen"),
    receivedFen: sql<number>`coalesce((select sum(fr.amount_fen) from deliberation_payments fr where fr.deliberation_id = ${deliberationId}), 0)`.as("received_fen"),
    contributors: sql<number>`(select count(*) from deliberation_pledges fc where fc.deliberation_id = ${deliberationId})`.as("contributors"),
  };
}

/**
 * The totals' columns of a select from `deliberations` (the hall's list and a topic's page). The
 * id is written out in full: drizzle leaves a lone table's columns unqualified, and inside the
 * subqueries a bare `id` would be the pledge's own.
 */
export const fundingColumns = fundingTotalsColumns(sql`"deliberations"."id"`);

/** The totals as the contract shows them: null for a topic without a target. */
export function fundingOf(row: { targetFen: number | null; pledgedFen: number; receivedFen: number; contributors: number }): FundingTotals | null {
  if (row.targetFen === null) return null;
  return { targetFen: row.targetFen, pledgedFen: row.pledgedFen, receivedFen: row.receivedFen, contributors: row.contributors };
}

/** The printable receipt list of a topic, for staff: every pledge with its payments, and the totals. */
export interface FundingLedger {
  deliberation: { id: string; title: string; stage: DeliberationStage };
  pledges: (Pledge & { paidFen: number; payments: Payment[] })[];
  totals: FundingTotals | null;
}

/**
 * The receipt list of a topic (the console's printable page): pledgers' names, units and amounts,
 * each payment with its receipt number, and the totals. Staff only; one round trip.
 *
 * @example const ledger = await fundingLedger(db, staff, "dlb_demo_delong_facade")
 */
export async function fundingLedger(db: Db, actor: Principal, deliberationId: string): Promise<FundingLedger> {
  assertStaff(actor);
  const [[topic], pledges, payments] = await db.batch([
    db
      .select({ id: deliberations.id, title: deliberations.title, stage: deliberations.stage, targetFen: deliberations.targetFen, ...fundingColumns })
      .from(deliberations)
      .where(eq(deliberations.id, deliberationId)),
    db.select().from(deliberationPledges).where(eq(deliberationPledges.deliberationId, deliberationId)).orderBy(asc(deliberationPledges.createdAt), asc(deliberationPledges.id)),
    db.select().from(deliberationPayments).where(eq(deliberationPayments.deliberationId, deliberationId)).orderBy(asc(deliberationPayments.paidAt), asc(deliberationPayments.receiptNo)),
  ]);
  if (!topic) throw topicNotFound();
  return {
    deliberation: { id: topic.id, title: topic.title, stage: topic.stage },
    pledges: pledges.map((p) => {
      const own = payments.filter((pay) => pay.pledgeId === p.id).map(paymentView);
      return { ...pledgeView(p), paidFen: own.reduce((sum, pay) => sum + pay.amountFen, 0), payments: own };
    }),
    totals: fundingOf(topic),
  };
}

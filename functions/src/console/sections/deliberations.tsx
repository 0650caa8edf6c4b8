import { AdvanceBody, AnswerBody, DeliberationBody, DeliberationsQuery, MeetingBody, PaymentBody, PledgeBody, ProgressBody } from "@renxing/shared";
import { Hono, type Context } from "hono";
import { getDb, type Db } from "../../db/client";
import type { StaffPrincipal } from "../../env";
import { validationFailed } from "../../http/errors";
import { validate } from "../../http/input";
import { listGrids } from "../../services/community";
import { advanceDeliberation } from "../../services/deliberations/advance";
import { fundingLedger, recordPayment, recordPledge } from "../../services/deliberations/funding";
import { recordMeeting } from "../../services/deliberations/meetings";
import { answerObjection } from "../../services/deliberations/objections";
import { recordProgress } from "../../services/deliberations/progress";
import { listTopicsForStaff, topicForStaff } from "../../services/deliberations/read";
import { createDeliberation } from "../../services/deliberations/topics";
import { beijingDateTime, formFields } from "../forms";
import { page } from "../page";
import { ReceiptsPage } from "../pages/deliberation-receipts";
import { TopicPage } from "../pages/deliberation-topic";
import { DeliberationsPage } from "../pages/deliberations";
import type { ConsoleEnv } from "../session";

const PATH = "/console/deliberations";

const DONE: Record<string, string> = {
  created: "议题已发起，现在是“党组织提议”阶段。",
  advanced: "议题已推进，参与的居民会收到通知。",
  answered: "已答复，提出异议的居民会收到通知。",
  meeting: "协商会已记录。",
  pledge: "认筹已登记。",
  payment: "收款已登记。",
  progress: "进展已发布，参与的居民会收到通知。",
};

/**
 * An amount typed in 元 (at most two decimals) as the integer fen the schemas take; "" leaves an
 * optional target unset. The schemas speak of 分, so a form in 元 says its own words here.
 */
function postedFen(text: string, field: string, required = false): number | undefined {
  if (text === "" && !required) return undefined;
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(text)) throw validationFailed([{ field, message: text === "" ? "请填写金额" : "金额请填写数字，单位是元，最多两位小数" }]);
  return Math.round(Number(text) * 100);
}

/** One action on the topic page: read the form, call the service, back to the topic (POST-redirect-GET). */
function topicAction(done: string, act: (db: Db, staff: StaffPrincipal, id: string, text: (name: string) => string, c: Context<ConsoleEnv>) => Promise<unknown>) {
  return async (c: Context<ConsoleEnv>) => {
    const id = c.req.param("id")!;
    await act(getDb(c.env.DB), c.get("staff"), id, await formFields(c), c);
    return c.redirect(`${PATH}/${id}?done=${done}`, 303);
  };
}

/**
 * 议事厅: the topics, proposing one (from scratch or from a suggestion), each topic's page with its
 * legal stage moves, meetings, objections, crowdfunding and progress, and the printable receipt
 * list. Admins act; grid workers read every topic (the hall is public anyway) and its receipts.
 * Every change goes through the deliberation services, which check the role and audit.
 */
export const deliberationsSection = new Hono<ConsoleEnv>()
  .get("/deliberations", (c) =>
    page(c, PATH, "议事厅", async () => {
      const db = getDb(c.env.DB);
      const staff = c.get("staff");
      const q = c.req.query();
      const query = validate(DeliberationsQuery, { stage: q.stage || undefined, cursor: q.cursor || undefined, limit: 50 });
      const [list, grids] = await Promise.all([listTopicsForStaff(db, staff, query), staff.role === "admin" ? listGrids(db) : null]);
      const draft = { fromSuggestionId: q.from || undefined, title: q.title, background: q.background };
      return <DeliberationsPage items={list.items} nextCursor={list.nextCursor} stage={query.stage} grids={grids} draft={draft} csrf={c.get("csrf")} notice={DONE[q.done ?? ""]} />;
    }),
  )
  .post("/deliberations", async (c) => {
    const text = await formFields(c);
    const body = validate(DeliberationBody, {
      title: text("title"),
      background: text("background"),
      proposal: text("proposal"),
      gridId: text("gridId") || undefined,
      targetFen: postedFen(text("targetYuan"), "targetFen"),
      fromSuggestionId: text("fromSuggestionId") || undefined,
    });
    const created = await createDeliberation(getDb(c.env.DB), c.get("staff"), body, Date.now());
    return c.redirect(`${PATH}/${created.id}?done=created`, 303);
  })
  .get("/deliberations/:id", (c) =>
    page(c, PATH, "议题详情", async () => {
      const db = getDb(c.env.DB);
      const staff = c.get("staff");
      const id = c.req.param("id");
      const [topic, ledger] = await Promise.all([topicForStaff(db, staff, id), fundingLedger(db, staff, id)]);
      return <TopicPage topic={topic} pledges={ledger.pledges} mayAct={staff.role === "admin"} now={Date.now()} csrf={c.get("csrf")} notice={DONE[c.req.query("done") ?? ""]} />;
    }),
  )
  .get("/deliberations/:id/receipts", (c) =>
    page(c, PATH, "收款明细", async () => {
      const ledger = await fundingLedger(getDb(c.env.DB), c.get("staff"), c.req.param("id"));
      const totals = ledger.totals ?? { targetFen: 0, pledgedFen: 0, receivedFen: 0, contributors: 0 };
      return <ReceiptsPage id={ledger.deliberation.id} title={ledger.deliberation.title} totals={totals} pledges={ledger.pledges} />;
    }),
  )
  .post(
    "/deliberations/:id/advance",
    topicAction("advanced", (db, staff, id, text) => advanceDeliberation(db, staff, id, validate(AdvanceBody, { to: text("to"), note: text("note") || undefined }), Date.now())),
  )
  .post(
    "/deliberations/:id/meetings",
    topicAction("meeting", (db, staff, id, text) =>
      recordMeeting(
        db,
        staff,
        id,
        validate(MeetingBody, {
          heldAt: beijingDateTime(text("heldAt")),
          place: text("place"),
          attendees: text("attendees").split(/\r?\n/).map((a) => a.trim()).filter(Boolean),
          minutes: text("minutes"),
        }),
        Date.now(),
      ),
    ),
  )
  .post(
    "/deliberations/:id/objections/:oid/answer",
    topicAction("answered", (db, staff, id, text, c) => answerObjection(db, staff, id, c.req.param("oid")!, validate(AnswerBody, { answer: text("answer") }), Date.now())),
  )
  .post(
    "/deliberations/:id/pledges",
    topicAction("pledge", (db, staff, id, text) =>
      recordPledge(db, staff, id, validate(PledgeBody, { name: text("name"), unit: text("unit"), amountFen: postedFen(text("amountYuan"), "amountFen", true) }), Date.now()),
    ),
  )
  .post(
    "/deliberations/:id/payments",
    topicAction("payment", (db, staff, id, text) =>
      recordPayment(
        db,
        staff,
        id,
        validate(PaymentBody, {
          pledgeId: text("pledgeId"),
          amountFen: postedFen(text("amountYuan"), "amountFen", true),
          paidAt: text("paidAt"),
          method: text("method"),
          receiptNo: text("receiptNo"),
        }),
        Date.now(),
      ),
    ),
  )
  .post(
    "/deliberations/:id/progress",
    topicAction("progress", (db, staff, id, text, c) => recordProgress(db, staff, id, validate(ProgressBody, { note: text("note") }), new URL(c.req.url).origin, Date.now())),
  );

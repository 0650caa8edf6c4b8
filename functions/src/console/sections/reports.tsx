import { AdminReportBody, AdminReportsQuery, EscalateReportBody, RejectReportBody, ReportNoteBody, ResolveReportBody } from "@renxing/shared";
import { Hono, type Context } from "hono";
import { staffMaySeeGrid } from "../../auth/grid-scope";
import { getDb, type Db } from "../../db/client";
import type { StaffPrincipal } from "../../env";
import { ApiError } from "../../http/errors";
import { validate } from "../../http/input";
import { listGrids } from "../../services/community";
import { fileReport } from "../../services/reports/file";
import { acceptReport, escalateReport, noteReport, rejectReport, resolveReport } from "../../services/reports/handle";
import { listReportsForStaff, reportForStaff, type StaffReport } from "../../services/reports/read";
import { beijingDateTime, formFields } from "../forms";
import { Layout } from "../layout";
import { page } from "../page";
import { ReportCasePage } from "../pages/report-case";
import { ReportsPage } from "../pages/reports";
import type { ConsoleEnv } from "../session";

const PATH = "/console/reports";

const DONE: Record<string, string> = {
  filed: "已登记，网格员会收到待受理的通知。",
  accepted: "已受理，居民会收到通知。",
  noted: "备注已添加。",
  escalated: "已上报上一级，居民和上一级都会收到通知。",
  resolved: "已办结，居民会收到通知并可以评价。",
  rejected: "已设为不予受理，居民会看到原因。",
};

/** Staff may act on a report they see unless it went above their level (a grid worker following up one they escalated). */
const mayHandle = (staff: StaffPrincipal, report: StaffReport) => staff.role === "admin" || report.level === "grid";

/** The case page with an action's refusal above the case as it is now, answered with the refusal's status. */
function refusedOnCase(c: Context<ConsoleEnv>, report: StaffReport, error: ApiError) {
  const staff = c.get("staff");
  return c.html(
    <Layout title="诉求详情" staff={staff} csrf={c.get("csrf")} current={PATH}>
      <ReportCasePage report={report} mayHandle={mayHandle(staff, report)} csrf={c.get("csrf")} error={{ message: error.message, details: error.details }} />
    </Layout>,
    error.status,
  );
}

/**
 * One action on the case page: read the form, run the service's step, then back to the case
 * (POST-redirect-GET). A refusal (a field, a rule, a race lost) is shown on the case page with
 * its Chinese message; a report the caller may not see stays a 404 page.
 */
function caseAction(done: string, step: (db: Db, staff: StaffPrincipal, id: string, text: (name: string) => string, origin: string) => Promise<unknown>) {
  return async (c: Context<ConsoleEnv>) => {
    const db = getDb(c.env.DB);
    const staff = c.get("staff");
    const id = c.req.param("id")!;
    try {
      await step(db, staff, id, await formFields(c), new URL(c.req.url).origin);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 404 || err.status >= 500) throw err;
      return refusedOnCase(c, await reportForStaff(db, staff, id, Date.now()), err);
    }
    return c.redirect(`${PATH}/${id}?done=${done}`, 303);
  };
}

/**
 * The mediation fields of the resolve form, or undefined when none was filled in (the place has a
 * default, so it alone does not count): the service then says a neighbour dispute needs one.
 */
function postedMediation(text: (name: string) => string): Record<string, unknown> | undefined {
  const parties = text("parties").split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
  const agreed = text("agreed");
  if (!text("heldAt") && parties.length === 0 && !agreed) return undefined;
  return { heldAt: beijingDateTime(text("heldAt")), place: text("place"), parties, agreed: agreed === "" ? undefined : agreed === "true" };
}

/** 诉求处理: the queue, filing for a resident or from an inspection round, and each case with its actions. */
export const reportsSection = new Hono<ConsoleEnv>()
  .get("/reports", (c) =>
    page(c, PATH, "诉求处理", async () => {
      const db = getDb(c.env.DB);
      const staff = c.get("staff");
      const q = c.req.query();
      const query = validate(AdminReportsQuery, {
        status: q.status || undefined,
        level: q.level || undefined,
        category: q.category || undefined,
        gridId: q.gridId || undefined,
        overdue: q.overdue || undefined,
        cursor: q.cursor || undefined,
        limit: 50,
      });
      const [list, allGrids] = await Promise.all([listReportsForStaff(db, staff, query, Date.now()), listGrids(db)]);
      const grids = allGrids.filter((g) => staffMaySeeGrid(staff, g.id));
      return (
        <ReportsPage query={query} items={list.items} nextCursor={list.nextCursor} grids={grids} isAdmin={staff.role === "admin"} staffName={staff.displayName} csrf={c.get("csrf")} notice={DONE[q.done ?? ""]} />
      );
    }),
  )
  // 代登记 for a resident who phoned or walked in, and hazards found on inspection rounds: the same AdminReportBody rules.
  .post("/reports", async (c) => {
    const text = await formFields(c);
    const body = validate(AdminReportBody, {
      reporter: { name: text("name"), phone: text("phone") },
      category: text("category"),
      description: text("description"),
      gridId: text("gridId"),
      building: text("building") || undefined,
      public: text("public") === "true",
    });
    const staff = c.get("staff");
    const filed = await fileReport(getDb(c.env.DB), c.env, { kind: "staff", staff, reporter: body.reporter }, body, new URL(c.req.url).origin);
    return c.redirect(`${PATH}/${filed.id}?done=filed`, 303);
  })
  .get("/reports/:id", (c) =>
    page(c, PATH, "诉求详情", async () => {
      const staff = c.get("staff");
      const report = await reportForStaff(getDb(c.env.DB), staff, c.req.param("id"), Date.now());
      return <ReportCasePage report={report} mayHandle={mayHandle(staff, report)} csrf={c.get("csrf")} notice={DONE[c.req.query("done") ?? ""]} />;
    }),
  )
  .post(
    "/reports/:id/accept",
    caseAction("accepted", (db, staff, id) => acceptReport(db, staff, id)),
  )
  .post(
    "/reports/:id/notes",
    caseAction("noted", (db, staff, id, text) => noteReport(db, staff, id, validate(ReportNoteBody, { text: text("text"), public: text("public") === "true" }))),
  )
  .post(
    "/reports/:id/escalate",
    caseAction("escalated", (db, staff, id, text) => escalateReport(db, staff, id, validate(EscalateReportBody, { reason: text("reason"), externalRef: text("externalRef") || undefined }))),
  )
  .post(
    "/reports/:id/resolve",
    // No result photos from the console: it takes no uploads (its forms are short text, at most 16 KB).
    caseAction("resolved", (db, staff, id, text, origin) =>
      resolveReport(db, staff, id, validate(ResolveReportBody, { result: text("result"), mediation: postedMediation(text) }), origin),
    ),
  )
  .post(
    "/reports/:id/reject",
    caseAction("rejected", (db, staff, id, text) => rejectReport(db, staff, id, validate(RejectReportBody, { reason: text("reason") }))),
  );

import { StaffLoginBody } from "@renxing/shared";
import { Hono, type Context } from "hono";
import type { Child } from "hono/jsx";
import { resolveSession } from "../auth/sessions";
import { getDb } from "../db/client";
import {
  AdminApplicationsQuery,
  AdminRidesQuery,
  AdminWishBody,
  AdminWishesQuery,
  ApplicationDecisionBody,
  AssignRideBody,
  HoursRangeQuery,
  ManualHoursBody,
  TaskBody,
  type AdminTask,
  DriverVerificationBody,
  ExamSessionBody,
  ReviewWishBody,
} from "@renxing/shared";
import { staffMaySeeGrid } from "../auth/grid-scope";
import { assertAdmin } from "../auth/roles";
import { assignRide, cancelRide, createExamSession, listDrivers, listExamSessions, listRidesForAdmin, verifyDriver } from "../services/rides";
import { RidesPage } from "./pages/rides";
import { addManualHours, hoursCsv, hoursSummary } from "../services/hours";
import { createTask, getTask, listTasksForAdmin, taskRoster } from "../services/tasks";
import { listTeams } from "../services/teams";
import { HoursPage } from "./pages/hours";
import { TaskDetailPage, TasksPage } from "./pages/tasks";
import { listGrids } from "../services/community";
import { listWishesForStaff, recordWishOnBehalf, reviewWish } from "../services/wishes";
import { WishesPage } from "./pages/wishes";
import { ApiError, onError } from "../http/errors";
import { validate } from "../http/input";
import { decideApplication, listApplicationsForReview, listMembers } from "../services/teams";
import { ApplicationsPage } from "./pages/applications";
import { listAudit } from "../services/audit";
import { dashboardFigures } from "../services/dashboard";
import { loginStaff, logoutStaff } from "../services/staff";
import { postedDecision, VERDICTS } from "./decision";
import { beijingDateTime, formFields } from "./forms";
import { NAV } from "./labels";
import { EmptyState, Layout } from "./layout";
import { AuditPage } from "./pages/audit";
import { DashboardPage } from "./pages/dashboard";
import { LoginPage } from "./pages/login";
import { consoleBodyLimit, consoleFormParses } from "./limits";
import { isSameOrigin, securityHeaders } from "./security";
import { clearSessionCookie, requireConsoleSession, sessionToken, setSessionCookie, type ConsoleEnv } from "./session";
import { CONSOLE_CSS, CONSOLE_JS } from "./static";

/** Renders a signed-in page, or a 403 page when the staff member's role may not open it. */
function page(c: Context<ConsoleEnv>, path: string, title: string, body: () => Promise<Child> | Child) {
  const staff = c.get("staff");
  const section = NAV.find((n) => n.href === path);
  const allowed = !section || section.roles.includes(staff.role);
  const render = async () => (
    <Layout title={allowed ? title : "无权访问"} staff={staff} csrf={c.get("csrf")} current={path}>
      {allowed ? await body() : <EmptyState>您的角色不能使用此功能。如需使用，请联系社区管理员。</EmptyState>}
    </Layout>
  );
  return render().then((html) => c.html(html, allowed ? 200 : 403));
}


/** The staff console under /console: server-rendered pages and plain forms. */
export function createConsole() {
  const app = new Hono<ConsoleEnv>();
  app.use(securityHeaders);
  app.post("*", consoleBodyLimit, consoleFormParses);

  const cached = { "Cache-Control": "public, max-age=3600" };
  app.get("/static/console.css", (c) => c.body(CONSOLE_CSS, 200, { ...cached, "Content-Type": "text/css; charset=utf-8" }));
  app.get("/static/console.js", (c) => c.body(CONSOLE_JS, 200, { ...cached, "Content-Type": "text/javascript; charset=utf-8" }));

  app.get("/login", async (c) => {
    const token = sessionToken(c);
    if (token && (await resolveSession(getDb(c.env.DB), token, Date.now()))?.kind === "staff") return c.redirect("/console", 302);
    return c.html(<LoginPage />);
  });

  app.post("/login", async (c) => {
    if (!isSameOrigin(c.req.raw)) return c.text("请求来源不可信，已拒绝。", 403);
    const form = await c.req.parseBody();
    const parsed = StaffLoginBody.safeParse({ username: form.username, password: form.password });
    if (!parsed.success) return c.html(<LoginPage error="请填写用户名和密码" />, 400);
    try {
      const { token } = await loginStaff(getDb(c.env.DB), parsed.data.username, parsed.data.password);
      setSessionCookie(c, token);
      return c.redirect("/console", 302);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 429)) {
        return c.html(<LoginPage error={err.message} username={parsed.data.username} />, err.status);
      }
      throw err;
    }
  });

  app.use("*", requireConsoleSession);

  app.post("/logout", async (c) => {
    await logoutStaff(getDb(c.env.DB), c.get("staff"));
    clearSessionCookie(c);
    return c.redirect("/console/login", 302);
  });

  app.get("/", (c) => page(c, "/console", "概览", async () => <DashboardPage figures={await dashboardFigures(getDb(c.env.DB), c.get("staff"))} />));
  app.get("/audit", (c) =>
    page(c, "/console/audit", "审计日志", async () => <AuditPage page={await listAudit(getDb(c.env.DB), { cursor: c.req.query("cursor") })} />),
  );
  app.get("/applications", (c) =>
    page(c, "/console/applications", "队员审核", async () => {
      const db = getDb(c.env.DB);
      const { status = "pending", cursor } = validate(AdminApplicationsQuery, c.req.query());
      const [list, members] = await Promise.all([
        listApplicationsForReview(db, c.get("staff"), { status, limit: 50, cursor }),
        listMembers(db, c.get("staff")),
      ]);
      const done = c.req.query("done");
      const notice = done === "approved" ? "已通过，申请人已成为队员。" : done === "rejected" ? "已设为不通过，申请人会看到原因。" : undefined;
      return <ApplicationsPage status={status} page={list} members={members} csrf={c.get("csrf")} notice={notice} />;
    }),
  );
  for (const verdict of VERDICTS) {
    app.post(`/applications/:id/${verdict}`, async (c) => {
      const decision = validate(ApplicationDecisionBody, await postedDecision(c, verdict));
      await decideApplication(getDb(c.env.DB), c.get("staff"), c.req.param("id"), decision);
      return c.redirect(`/console/applications?done=${verdict === "approve" ? "approved" : "rejected"}`, 303);
    });
  }
  app.get("/wishes", (c) =>
    page(c, "/console/wishes", "心愿审核", async () => {
      const db = getDb(c.env.DB);
      const staff = c.get("staff");
      const query = validate(AdminWishesQuery, { ...c.req.query(), gridId: c.req.query("gridId") || undefined });
      const status = query.status ?? "pending_review";
      const [list, allGrids] = await Promise.all([listWishesForStaff(db, staff, { ...query, status, limit: 50 }), listGrids(db)]);
      const grids = allGrids.filter((g) => staffMaySeeGrid(staff, g.id));
      const done = c.req.query("done");
      const notice = { approved: "已通过，心愿已发布到心愿墙。", rejected: "已设为不通过，发布人会看到原因。", recorded: "已登记并发布。" }[done ?? ""] as string | undefined;
      return <WishesPage status={status} gridId={query.gridId} page={list} grids={grids} csrf={c.get("csrf")} notice={notice} />;
    }),
  );
  for (const verdict of VERDICTS) {
    app.post(`/wishes/:id/${verdict}`, async (c) => {
      const review = validate(ReviewWishBody, await postedDecision(c, verdict));
      await reviewWish(getDb(c.env.DB), c.get("staff"), c.req.param("id"), review);
      return c.redirect(`/console/wishes?done=${verdict === "approve" ? "approved" : "rejected"}`, 303);
    });
  }
  app.post("/wishes/record", async (c) => {
    const text = await formFields(c);
    const value = text("estimatedValueYuan");
    const body = validate(AdminWishBody, {
      title: text("title"),
      story: text("story"),
      category: text("category"),
      ...(value ? { estimatedValueYuan: Number(value) } : {}),
      onBehalfOf: { name: text("name"), phone: text("phone"), gridId: text("gridId") },
    });
    await recordWishOnBehalf(getDb(c.env.DB), c.get("staff"), body);
    return c.redirect("/console/wishes?status=open&done=recorded", 303);
  });
  app.get("/rides", (c) =>
    page(c, "/console/rides", "送考调度", async () => {
      const db = getDb(c.env.DB);
      const staff = c.get("staff");
      const q = c.req.query();
      const filter = validate(AdminRidesQuery, { status: q.status || undefined, examDate: q.examDate || undefined, cursor: q.cursor || undefined, limit: 50 });
      const [sessions, list, pending, verified] = await Promise.all([
        listExamSessions(db),
        listRidesForAdmin(db, staff, filter),
        listDrivers(db, staff, { status: "pending", limit: 100 }),
        listDrivers(db, staff, { status: "verified", limit: 100 }),
      ]);
      const notice = {
        session: "考试场次已创建。",
        assigned: "已派单，司机和家长都能看到。",
        cancelled: "订单已取消。",
        verified: "司机已通过认证。",
        rejected: "已设为不通过。",
        revoked: "已撤销这位司机的认证，其还没出发的订单已退回待派单。",
      }[q.done ?? ""];
      return <RidesPage sessions={sessions} rides={list} pendingDrivers={pending.items} verifiedDrivers={verified.items} filter={filter} csrf={c.get("csrf")} notice={notice} />;
    }),
  );
  app.post("/rides/sessions", async (c) => {
    const text = await formFields(c);
    const body = validate(ExamSessionBody, {
      name: text("name"),
      kind: text("kind"),
      examDates: text("examDates").split(/[,，、\s]+/).filter(Boolean),
      bookingOpensAt: beijingDateTime(text("bookingOpensAt")),
      bookingClosesAt: beijingDateTime(text("bookingClosesAt")),
      venues: text("venues")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [name = "", ...rest] = line.split(/[|｜]/);
          return { name: name.trim(), address: rest.join("｜").trim() };
        }),
    });
    await createExamSession(getDb(c.env.DB), c.get("staff"), body);
    return c.redirect("/console/rides?done=session", 303);
  });
  app.post("/rides/:id/assign", async (c) => {
    const text = await formFields(c);
    const { driverUserId } = validate(AssignRideBody, { driverUserId: text("driverUserId") });
    await assignRide(getDb(c.env.DB), c.get("staff"), c.req.param("id"), driverUserId);
    return c.redirect("/console/rides?done=assigned", 303);
  });
  app.post("/rides/:id/cancel", async (c) => {
    assertAdmin(c.get("staff"));
    await cancelRide(getDb(c.env.DB), c.get("staff"), c.req.param("id"));
    return c.redirect("/console/rides?done=cancelled", 303);
  });
  for (const verdict of VERDICTS) {
    app.post(`/drivers/:userId/${verdict}`, async (c) => {
      const decision = validate(DriverVerificationBody, await postedDecision(c, verdict));
      await verifyDriver(getDb(c.env.DB), c.get("staff"), c.req.param("userId"), decision);
      return c.redirect(`/console/rides?done=${verdict === "approve" ? "verified" : "rejected"}`, 303);
    });
  }
  app.post("/drivers/:userId/revoke", async (c) => {
    assertAdmin(c.get("staff"));
    const decision = validate(DriverVerificationBody, await postedDecision(c, "reject"));
    await verifyDriver(getDb(c.env.DB), c.get("staff"), c.req.param("userId"), decision);
    return c.redirect("/console/rides?done=revoked", 303);
  });
  app.get("/tasks", (c) =>
    page(c, "/console/tasks", "服务任务", async () => {
      const db = getDb(c.env.DB);
      const [list, teams] = await Promise.all([listTasksForAdmin(db, c.get("staff")), listTeams(db)]);
      return <TasksPage tasks={list} teams={teams} csrf={c.get("csrf")} notice={c.req.query("done") === "created" ? "任务已发布，志愿者现在可以报名了。" : undefined} />;
    }),
  );
  app.post("/tasks", async (c) => {
    const text = await formFields(c);
    const body = validate(TaskBody, {
      title: text("title"),
      description: text("description"),
      location: text("location"),
      startsAt: beijingDateTime(text("startsAt")),
      endsAt: beijingDateTime(text("endsAt")),
      capacity: Number(text("capacity")),
      teamId: text("teamId") || null,
    });
    const task = await createTask(getDb(c.env.DB), c.get("staff"), body);
    return c.redirect(`/console/tasks/${task.id}`, 303);
  });
  app.get("/tasks/:id", (c) =>
    page(c, "/console/tasks", "任务签到与名单", async () => {
      const db = getDb(c.env.DB);
      const [task, roster] = await Promise.all([getTask(db, c.get("staff"), c.req.param("id")), taskRoster(db, c.get("staff"), c.req.param("id"))]);
      return <TaskDetailPage task={task as AdminTask} roster={roster} />;
    }),
  );
  app.get("/hours", (c) =>
    page(c, "/console/hours", "服务时长", async () => {
      const db = getDb(c.env.DB);
      const range = validate(HoursRangeQuery, { from: c.req.query("from") || undefined, to: c.req.query("to") || undefined });
      const [summary, members] = await Promise.all([hoursSummary(db, c.get("staff"), range), listMembers(db, c.get("staff"))]);
      const people = [...new Map(members.map((m) => [m.userId, { userId: m.userId, label: `${m.realName ?? m.nickname}（${m.teamName}）` }])).values()];
      return <HoursPage summary={summary} members={people} csrf={c.get("csrf")} notice={c.req.query("done") === "added" ? "已补录，并记入审计日志。" : undefined} />;
    }),
  );
  app.post("/hours", async (c) => {
    const text = await formFields(c);
    const body = validate(ManualHoursBody, { userId: text("userId"), title: text("title"), minutes: Number(text("minutes")), at: beijingDateTime(text("at")) });
    await addManualHours(getDb(c.env.DB), c.get("staff"), body);
    return c.redirect("/console/hours?done=added", 303);
  });
  app.get("/hours.csv", async (c) => {
    const range = validate(HoursRangeQuery, { from: c.req.query("from") || undefined, to: c.req.query("to") || undefined });
    const csv = await hoursCsv(getDb(c.env.DB), c.get("staff"), range);
    return c.body(csv.body, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${csv.filename}"` });
  });

  app.notFound((c) => c.html(<LoginPage error="找不到这个页面" />, 404));
  // A refused action (validation, a rule, a race lost) shows its Chinese message in the page frame.
  app.onError((err, c) => {
    if (!(err instanceof ApiError) || !c.get("staff")) return onError(err, c as unknown as Context);
    const detail = err.details?.map((d) => d.message).join("；");
    return c.html(
      <Layout title="操作未完成" staff={c.get("staff")} csrf={c.get("csrf")} current="">
        <p class="error" role="alert">
          {err.message}
          {detail ? `：${detail}` : ""}
        </p>
        <p>
          <a href={c.req.header("referer")?.startsWith(new URL(c.req.url).origin) ? c.req.header("referer") : "/console"}>返回上一页</a>
        </p>
      </Layout>,
      err.status,
    );
  });
  return app;
}


import { StaffLoginBody } from "@renxing/shared";
import { Hono, type Context } from "hono";
import { resolveSession } from "../auth/sessions";
import { getDb } from "../db/client";
import { ApiError, onError } from "../http/errors";
import { loginStaff, logoutStaff } from "../services/staff";
import { Layout } from "./layout";
import { consoleBodyLimit, consoleFormParses } from "./limits";
import { LoginPage } from "./pages/login";
import { applicationsSection } from "./sections/applications";
import { auditSection } from "./sections/audit";
import { careSection } from "./sections/care";
import { dashboardSection } from "./sections/dashboard";
import { deliberationPeopleSection } from "./sections/deliberations-people";
import { deliberationsSection } from "./sections/deliberations";
import { hoursSection } from "./sections/hours";
import { messagesSection } from "./sections/messages";
import { notificationsSection } from "./sections/notifications";
import { open311KeysSection } from "./sections/open311-keys";
import { reportStatsSection } from "./sections/report-stats";
import { reportsSection } from "./sections/reports";
import { ridesSection } from "./sections/rides";
import { tasksSection } from "./sections/tasks";
import { wishesSection } from "./sections/wishes";
import { isSameOrigin, securityHeaders } from "./security";
import { clearSessionCookie, requireConsoleSession, sessionToken, setSessionCookie, type ConsoleEnv } from "./session";

/** The staff console under /console: server-rendered pages and plain forms. */
export function createConsole() {
  const app = new Hono<ConsoleEnv>();
  app.use(securityHeaders);
  app.post("*", consoleBodyLimit, consoleFormParses);

  // /console/static/* (the stylesheet, the script, the QR drawing) are static assets beside the H5
  // build (scripts/console-assets.ts): wrangler.toml keeps them out of the Worker.

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

  // Each section checks its own role through page() and its services; all of them sit behind the session.
  app.route("/", dashboardSection);
  app.route("/", messagesSection);
  app.route("/", applicationsSection);
  app.route("/", wishesSection);
  // Before reportsSection: its /reports/:id would take /reports/stats.
  app.route("/", reportStatsSection);
  app.route("/", reportsSection);
  app.route("/", careSection);
  app.route("/", deliberationsSection);
  app.route("/", deliberationPeopleSection);
  app.route("/", ridesSection);
  app.route("/", tasksSection);
  app.route("/", hoursSection);
  app.route("/", notificationsSection);
  app.route("/", open311KeysSection);
  app.route("/", auditSection);

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


import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { getDb } from "../db/client";
import { staffUnreadCount } from "../services/notifications/inbox";
import { NAV } from "./labels";
import { EmptyState, Layout } from "./layout";
import type { ConsoleEnv } from "./session";

/**
 * Renders a signed-in page in the console frame, or a 403 page when the staff member's role may
 * not open the section `path` belongs to (see `NAV`). The body is only built when allowed, so a
 * refused role never triggers the section's queries.
 *
 * @example app.get("/audit", (c) => page(c, "/console/audit", "审计日志", async () => <AuditPage page={await listAudit(db, {})} />))
 */
export function page(c: Context<ConsoleEnv>, path: string, title: string, body: () => Promise<Child> | Child) {
  const staff = c.get("staff");
  const section = NAV.find((n) => n.href === path);
  const allowed = !section || section.roles.includes(staff.role);
  const render = async () => {
    // The count beside 消息 is read beside the page's own queries, not after them.
    const [content, unread] = await Promise.all([
      allowed ? body() : <EmptyState>您的角色不能使用此功能。如需使用，请联系社区管理员。</EmptyState>,
      staffUnreadCount(getDb(c.env.DB), staff),
    ]);
    return (
      <Layout title={allowed ? title : "无权访问"} staff={staff} csrf={c.get("csrf")} current={path} unread={unread}>
        {content}
      </Layout>
    );
  };
  return render().then((html) => c.html(html, allowed ? 200 : 403));
}

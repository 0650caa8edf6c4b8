import { Hono } from "hono";
import { getDb } from "../../db/client";
import { markStaffMessagesRead, staffInbox } from "../../services/notifications/inbox";
import { formFields } from "../forms";
import { page } from "../page";
import { MessagesPage } from "../pages/messages";
import type { ConsoleEnv } from "../session";

const PATH = "/console/messages";

/** 消息: every staff member's own in-app messages (new reports, escalations, care alerts), and marking them read. */
export const messagesSection = new Hono<ConsoleEnv>()
  .get("/messages", (c) =>
    page(c, PATH, "消息", async () => {
      const inbox = await staffInbox(getDb(c.env.DB), c.get("staff"));
      return <MessagesPage unread={inbox.unread} read={inbox.read} csrf={c.get("csrf")} notice={c.req.query("done") === "read" ? "已标为已读。" : undefined} />;
    }),
  )
  .post("/messages/read", async (c) => {
    const text = await formFields(c);
    await markStaffMessagesRead(getDb(c.env.DB), c.get("staff"), text("id") || undefined);
    return c.redirect(`${PATH}?done=read`, 303);
  });

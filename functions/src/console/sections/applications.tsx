import { AdminApplicationsQuery, ApplicationDecisionBody } from "@renxing/shared";
import { Hono } from "hono";
import { getDb } from "../../db/client";
import { validate } from "../../http/input";
import { decideApplication, listApplicationsForReview, listMembers } from "../../services/teams";
import { postedDecision, VERDICTS } from "../decision";
import { page } from "../page";
import { ApplicationsPage } from "../pages/applications";
import type { ConsoleEnv } from "../session";

/** 队员审核: the queue of applications to join a team, and the members already in. */
export const applicationsSection = new Hono<ConsoleEnv>().get("/applications", (c) =>
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
  applicationsSection.post(`/applications/:id/${verdict}`, async (c) => {
    const decision = validate(ApplicationDecisionBody, await postedDecision(c, verdict));
    await decideApplication(getDb(c.env.DB), c.get("staff"), c.req.param("id"), decision);
    return c.redirect(`/console/applications?done=${verdict === "approve" ? "approved" : "rejected"}`, 303);
  });
}

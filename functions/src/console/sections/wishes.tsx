import { AdminWishBody, AdminWishesQuery, ReviewWishBody } from "@renxing/shared";
import { Hono } from "hono";
import { staffMaySeeGrid } from "../../auth/grid-scope";
import { getDb } from "../../db/client";
import { validate } from "../../http/input";
import { listGrids } from "../../services/community";
import { listWishesForStaff, recordWishOnBehalf, reviewWish } from "../../services/wishes";
import { postedDecision, VERDICTS } from "../decision";
import { formFields } from "../forms";
import { page } from "../page";
import { WishesPage } from "../pages/wishes";
import type { ConsoleEnv } from "../session";

/** 心愿审核: wishes waiting for review in the staff member's grids, and wishes recorded for a resident. */
export const wishesSection = new Hono<ConsoleEnv>().get("/wishes", (c) =>
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
  wishesSection.post(`/wishes/:id/${verdict}`, async (c) => {
    const review = validate(ReviewWishBody, await postedDecision(c, verdict));
    await reviewWish(getDb(c.env.DB), c.get("staff"), c.req.param("id"), review);
    return c.redirect(`/console/wishes?done=${verdict === "approve" ? "approved" : "rejected"}`, 303);
  });
}

// A resident without the mini-program tells a grid worker their wish; the same WishBody rules apply.
wishesSection.post("/wishes/record", async (c) => {
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

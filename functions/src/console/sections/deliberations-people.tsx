import { ListQuery } from "@renxing/shared";
import { Hono } from "hono";
import { getDb } from "../../db/client";
import { validate } from "../../http/input";
import { representativesPage } from "../../services/deliberations/representative-list";
import { nameRepresentative, removeRepresentative } from "../../services/deliberations/representatives";
import { listSuggestionsForStaff } from "../../services/deliberations/suggestions";
import { formFields } from "../forms";
import { page } from "../page";
import { RepresentativesPage, SuggestionsPage } from "../pages/deliberation-people";
import type { ConsoleEnv } from "../session";

const REPRESENTATIVES = "/console/representatives";

const DONE: Record<string, string> = {
  named: "已设为居民代表，对方可以在代表审议阶段投票。",
  removed: "已取消居民代表身份。",
};

/**
 * 居民代表 and 居民建议, the people side of the 议事厅 (admins): naming and removing
 * representatives through the deliberation services (which audit), and residents' suggestions,
 * each one a link that fills in 发起议题.
 */
export const deliberationPeopleSection = new Hono<ConsoleEnv>()
  .get("/representatives", (c) =>
    page(c, REPRESENTATIVES, "居民代表", async () => {
      const search = c.req.query("q") ?? "";
      const found = await representativesPage(getDb(c.env.DB), c.get("staff"), search);
      return <RepresentativesPage page={found} search={search} csrf={c.get("csrf")} notice={DONE[c.req.query("done") ?? ""]} />;
    }),
  )
  .post("/representatives", async (c) => {
    const text = await formFields(c);
    await nameRepresentative(getDb(c.env.DB), c.get("staff"), text("userId"), Date.now());
    return c.redirect(`${REPRESENTATIVES}?done=named`, 303);
  })
  .post("/representatives/:userId/delete", async (c) => {
    await removeRepresentative(getDb(c.env.DB), c.get("staff"), c.req.param("userId"), Date.now());
    return c.redirect(`${REPRESENTATIVES}?done=removed`, 303);
  })
  .get("/suggestions", (c) =>
    page(c, "/console/suggestions", "居民建议", async () => {
      const query = validate(ListQuery, { cursor: c.req.query("cursor") || undefined, limit: 50 });
      const list = await listSuggestionsForStaff(getDb(c.env.DB), c.get("staff"), query);
      return <SuggestionsPage items={list.items} nextCursor={list.nextCursor} />;
    }),
  );

import { Open311KeyBody } from "@renxing/shared";
import { Hono } from "hono";
import { getDb } from "../../db/client";
import { validate } from "../../http/input";
import { issueOpen311Key, listOpen311Keys, revokeOpen311Key } from "../../services/open311-keys";
import { formFields } from "../forms";
import { page } from "../page";
import { Open311KeysPage } from "../pages/open311-keys";
import type { ConsoleEnv } from "../session";

const PATH = "/console/open311-keys";
const TITLE = "接口密钥";

/** 接口密钥 (admins only, see NAV): issue and revoke the Open311 keys of other platforms. */
export const open311KeysSection = new Hono<ConsoleEnv>()
  .get("/open311-keys", (c) =>
    page(c, PATH, TITLE, async () => (
      <Open311KeysPage keys={await listOpen311Keys(getDb(c.env.DB), c.get("staff"))} csrf={c.get("csrf")} notice={c.req.query("done") === "revoked" ? "密钥已吊销，对方已不能再用它提交。" : undefined} />
    )),
  )
  // No redirect after issuing: the plain key exists only in this response (the page is no-store),
  // so a reload or the back button can never show it again.
  .post("/open311-keys", (c) =>
    page(c, PATH, TITLE, async () => {
      const db = getDb(c.env.DB);
      const text = await formFields(c);
      const { name } = validate(Open311KeyBody, { name: text("name") });
      const issued = await issueOpen311Key(db, c.get("staff"), name, Date.now());
      return <Open311KeysPage keys={await listOpen311Keys(db, c.get("staff"))} csrf={c.get("csrf")} issued={issued} />;
    }),
  )
  .post("/open311-keys/:id/revoke", async (c) => {
    await revokeOpen311Key(getDb(c.env.DB), c.get("staff"), c.req.param("id"), Date.now());
    return c.redirect(`${PATH}?done=revoked`, 303);
  });

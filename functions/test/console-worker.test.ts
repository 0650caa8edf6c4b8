import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import worker from "../src/index";

interface Forwarded {
  method: string;
  url: string;
  body: string;
  redirect: string;
}

/** The main Worker with a CONSOLE binding that records what reaches it and answers a redirect. */
async function mainWorkerWithConsole(request: Request) {
  const forwarded: Forwarded[] = [];
  const console = {
    async fetch(input: Request) {
      forwarded.push({ method: input.method, url: input.url, body: await input.text(), redirect: input.redirect });
      return new Response(null, { status: 302, headers: { location: "/console" } });
    },
  };
  const ctx = createExecutionContext();
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, { ...env, CONSOLE: console } as unknown as Env, ctx);
  await waitOnExecutionContext(ctx);
  return { res, forwarded };
}

describe("the main Worker and the console Worker", () => {
  for (const path of ["/console", "/console/", "/console/login?next=%2Fconsole%2Fwishes"]) {
    it(`${path} goes to the CONSOLE binding as it came: method, path, query and body kept, its redirect not followed`, async () => {
      const { res, forwarded } = await mainWorkerWithConsole(
        new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "username=admin" }),
      );
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/console");
      expect(forwarded).toEqual([{ method: "POST", url: `http://localhost${path}`, body: "username=admin", redirect: "manual" }]);
    });
  }

  it("the API and paths that merely start with /console stay with the main Worker", async () => {
    for (const path of ["/api/v1/health", "/consoles"]) {
      const { res, forwarded } = await mainWorkerWithConsole(new Request(`http://localhost${path}`));
      expect(forwarded, path).toEqual([]);
      expect(res.status, path).toBe(path === "/consoles" ? 404 : 200);
    }
  });
});

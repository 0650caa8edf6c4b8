import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { admin, booking, driver, examSession, openWish, volunteer } from "./fixtures";
import { residentLogin, rows } from "./helpers";

/**
 * In production every D1 call is a network round trip, so the hot paths are held to a count.
 * The real D1 binding is used; each statement run alone or each batch counts as one trip.
 */
function countingD1(real: D1Database) {
  let trips = 0;
  const watch = (stmt: D1PreparedStatement): D1PreparedStatement => {
    for (const method of ["first", "all", "run", "raw"] as const) {
      const original = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt);
      Object.defineProperty(stmt, method, { value: (...args: unknown[]) => (trips++, original(...args)) });
    }
    const bind = stmt.bind.bind(stmt);
    Object.defineProperty(stmt, "bind", { value: (...values: unknown[]) => watch(bind(...values)) });
    return stmt;
  };
  const db = {
    prepare: (query: string) => watch(real.prepare(query)),
    batch: (statements: D1PreparedStatement[]) => (trips++, real.batch(statements)),
    exec: (query: string) => (trips++, real.exec(query)),
    dump: () => real.dump(),
    withSession: () => real.withSession(),
  } as unknown as D1Database;
  return { db, trips: () => trips };
}

async function tripsFor(method: string, path: string, token?: string, body?: unknown) {
  const counter = countingD1(env.DB);
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await createApp().fetch(
    new Request(`http://localhost/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    { ...env, DB: counter.db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, trips: counter.trips() };
}

describe("D1 round trips on hot paths", () => {
  it("GET /wishes (the wall) and GET /tasks take one; GET /me and a claim take two", async () => {
    const wisher = await residentLogin("trips-wisher");
    const wishId = await openWish(wisher.token);
    const vol = await volunteer("trips-volunteer");
    expect(await tripsFor("GET", "/wishes")).toEqual({ status: 200, trips: 1 });
    expect(await tripsFor("GET", "/tasks")).toEqual({ status: 200, trips: 1 });
    expect(await tripsFor("GET", "/me", vol.token)).toEqual({ status: 200, trips: 2 });
    expect(await tripsFor("POST", `/wishes/${wishId}/claim`, vol.token)).toEqual({ status: 200, trips: 2 });
    expect(await tripsFor("GET", "/exam-sessions")).toEqual({ status: 200, trips: 1 });
    expect(await tripsFor("GET", "/admin/applications", await admin())).toEqual({ status: 200, trips: 2 });
  });

  it("booking, accepting and progressing a ride each take two", async () => {
    const s = await examSession();
    const family = await residentLogin("trips-family");
    const booked = await tripsFor("POST", "/rides", family.token, booking(s));
    expect(booked).toEqual({ status: 201, trips: 2 });
    const rideId = (await rows<{ id: string }>("select id from rides where booker_user_id = ?", family.user.id))[0]!.id;
    const d = await driver("trips-driver");
    expect(await tripsFor("POST", `/rides/${rideId}/accept`, d.token)).toEqual({ status: 200, trips: 2 });
    expect(await tripsFor("POST", `/rides/${rideId}/progress`, d.token, { status: "picked_up" })).toEqual({ status: 200, trips: 2 });
    expect(await tripsFor("GET", "/rides/open", d.token)).toEqual({ status: 200, trips: 2 });
  });
});

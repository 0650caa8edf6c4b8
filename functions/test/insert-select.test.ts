import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import { insertSelect } from "../src/db/insert-select";
import { auditLog } from "../src/db/schema";

// The same table declared twice with its columns in different orders.
const parcelsAtoZ = sqliteTable("parcels", {
  id: text("id").primaryKey(),
  label: text("label").notNull(),
  note: text("note"),
  weight: integer("weight").notNull(),
});
const parcelsZtoA = sqliteTable("parcels", {
  weight: integer("weight").notNull(),
  note: text("note"),
  label: text("label").notNull(),
  id: text("id").primaryKey(),
});

/** Pairs each inserted column with what the select puts in its place. */
function pairs(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql: text, params } = query.toSQL();
  const [, columns, selectList] = /^insert into "parcels" \((.*)\) select (.*?)(?: from .*)?$/.exec(text)!;
  let param = 0;
  const values = selectList!.split(", ").map((v) => (v === "?" ? params[param++] : v));
  return Object.fromEntries(columns!.split(", ").map((c, i) => [c.replaceAll('"', ""), values[i]]));
}

describe("insertSelect", () => {
  const db = getDb(env.DB);

  it("puts each value under its own column whatever order the table declares them in", () => {
    const row = { id: "p1", label: sql`upper('box')`, weight: 3 };
    const expected = { id: "p1", label: "upper('box')", note: "null", weight: 3 };
    expect(pairs(insertSelect(db, parcelsAtoZ, row, sql`from grids`))).toEqual(expected);
    expect(pairs(insertSelect(db, parcelsZtoA, row, sql`from grids`))).toEqual(expected);
  });

  it("lists the columns in the table's order and fills a nullable column left out with null", () => {
    expect(insertSelect(db, parcelsZtoA, { id: "p1", label: "box", weight: 3 }).toSQL().sql).toBe(
      'insert into "parcels" ("weight", "note", "label", "id") select ?, null, ?, ?',
    );
  });

  it("refuses a row without a value for a NOT NULL column", () => {
    // @ts-expect-error weight is NOT NULL and has no default
    expect(() => insertSelect(db, parcelsAtoZ, { id: "p1", label: "box" })).toThrow(/parcels\.weight/);
  });

  it("refuses a column the table does not have", () => {
    // @ts-expect-error colour is not a column of parcels
    expect(() => insertSelect(db, parcelsAtoZ, { id: "p1", label: "box", weight: 3, colour: "red" })).toThrow(/colour/);
  });

  it("writes the row in D1 only when the tail's condition holds", async () => {
    const entry = { id: "aud_insert_select", at: 1, actorKind: "system", action: "test.insert", outcome: "ok" } as const;
    await insertSelect(db, auditLog, { ...entry, id: "aud_never" }, sql`where 1 = 0`);
    await insertSelect(db, auditLog, entry, sql`where 1 = 1`);
    const rows = await env.DB.prepare("select * from audit_log where id like 'aud_insert_select' or id = 'aud_never'").all();
    expect(rows.results).toEqual([
      {
        id: "aud_insert_select",
        at: 1,
        actor_kind: "system",
        actor_id: null,
        actor_label: null,
        action: "test.insert",
        target_kind: null,
        target_id: null,
        outcome: "ok",
        detail: null,
      },
    ]);
  });
});

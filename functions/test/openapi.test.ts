import { describe, expect, it } from "vitest";
import { openApiDocument, openApiPath } from "../../scripts/openapi/document";
import { createApi } from "../src/app";
import { ROUTES } from "../src/routes/table";

/**
 * The machine-readable contract (openapi.json, and the /api/docs page made from it) is generated
 * from functions/src/routes/table.ts, which the Worker does not import. These tests keep that table
 * and the routes createApi() serves identical, both ways, so the document cannot miss a route.
 */

function servedRoutes(): string[] {
  return [...new Set(createApi().routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];
}

const tableRoutes = () => ROUTES.map((r) => `${r.method} ${r.path}`);

describe("the route table behind openapi.json", () => {
  it("has a row for every route the API serves", () => {
    const table = new Set(tableRoutes());
    const missing = servedRoutes().filter((route) => !table.has(route));
    expect(missing, "routes served but missing from functions/src/routes/table.ts").toEqual([]);
  });

  it("lists only routes the API serves, each once", () => {
    const served = new Set(servedRoutes());
    expect(tableRoutes().filter((route) => !served.has(route)), "rows of the route table that the API does not serve").toEqual([]);
    expect(tableRoutes().length).toBe(new Set(tableRoutes()).size);
  });
});

describe("openapi.json", () => {
  const doc = openApiDocument();

  it("is OpenAPI 3.1 under /api/v1 with an operation for every served route", () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)));
    const missing = servedRoutes()
      .map((route) => route.replace(/ (.*)$/, (_, path: string) => ` ${openApiPath(path)}`))
      .filter((route) => !documented.has(route));
    expect(missing).toEqual([]);
  });

  it("describes a claim with its path parameter, its body from the shared schema, bearer auth and the error shape", () => {
    const claim = doc.paths["/wishes/{id}/claim"]?.post;
    expect(claim?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "id", in: "path", required: true })]));
    expect(claim?.requestBody?.content["application/json"]?.schema).toMatchObject({ type: "object", properties: { partnerId: { type: "string" } } });
    expect(claim?.security).toEqual([{ bearer: [] }]);
    expect(claim?.responses["409"]).toEqual({ $ref: "#/components/responses/Error" });
    expect(doc.components.schemas.Error).toMatchObject({ required: ["error"], properties: { error: { required: ["code", "message"] } } });
  });

  it("gives list queries their fields and idempotent creates their header", () => {
    const wall = doc.paths["/wishes"]?.get;
    expect(wall?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["limit", "cursor", "status", "category"]));
    expect(wall?.security).toEqual([]);
    const post = doc.paths["/wishes"]?.post;
    expect(post?.parameters?.map((p) => p.name)).toContain("Idempotency-Key");
    expect(Object.keys(post?.responses ?? {})).toContain("201");
    expect(post?.requestBody?.content["application/json"]?.schema).toMatchObject({ required: expect.arrayContaining(["title", "story", "category"]) });
  });
});

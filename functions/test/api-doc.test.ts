/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import apiDoc from "../../docs/api.md?raw";
import { createApi } from "../src/app";

/**
 * docs/api.md is the contract a person who clones the repo reads, so its API part must name
 * exactly the routes createApi() serves. Routes are written in its tables as "GET `/wishes/:id`"
 * (a query string and "POST/DELETE" pairs allowed), relative to /api/v1. The API part ends at the
 * first top-level heading after the title: "# Beside the API" (the photos, the console) or
 * "# Planned" (endpoints not built yet, which must not be served while listed only there).
 */

/** `METHOD /path` keys of one stretch of the document, paths without their query string. */
function documentedRoutes(markdown: string): Set<string> {
  const routes = new Set<string>();
  for (const [, methods = "", path = ""] of markdown.matchAll(/\b((?:GET|POST|PUT|PATCH|DELETE)(?:\/(?:GET|POST|PUT|PATCH|DELETE))*) `(\/[^`?\s]*)/g)) {
    for (const method of methods.split("/")) routes.add(`${method} ${path}`);
  }
  return routes;
}

function servedRoutes(): Set<string> {
  return new Set(createApi().routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
}

/** Offset of the first top-level heading after the title, or the end of the document. */
function endOfApiPart(markdown: string): number {
  const next = /^# /m.exec(markdown.slice(1));
  return next ? next.index + 1 : markdown.length;
}

const apiPartEnd = endOfApiPart(apiDoc);
const plannedAt = apiDoc.search(/^# Planned\b/m);
const built = documentedRoutes(apiDoc.slice(0, apiPartEnd));
const planned = plannedAt === -1 ? new Set<string>() : documentedRoutes(apiDoc.slice(plannedAt));

describe("docs/api.md", () => {
  it("documents every route the API serves in its API part", () => {
    const missing = [...servedRoutes()].filter((route) => !built.has(route));
    expect(missing, "routes served but not in docs/api.md (add them to its tables)").toEqual([]);
  });

  it("documents as built only routes the API serves", () => {
    const served = servedRoutes();
    const phantom = [...built].filter((route) => !served.has(route));
    expect(phantom, "routes docs/api.md lists as built that the API does not serve").toEqual([]);
  });

  it("keeps the planned part after the API part, naming no route that is served", () => {
    expect(plannedAt, "a `# Planned` heading").toBeGreaterThanOrEqual(apiPartEnd);
    const served = servedRoutes();
    expect([...planned].filter((route) => served.has(route)), "built routes still listed as planned (move them up)").toEqual([]);
  });
});

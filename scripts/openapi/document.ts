import { toJSONSchema } from "zod/mini";
import { ROUTES, TAGS, type RouteRow } from "../../functions/src/routes/table";

/**
 * The OpenAPI 3.1 document of /api/v1, made from the route table and the shared zod schemas
 * (`z.toJSONSchema`, input side: what a client sends, before defaults and coercion). Pure, so the
 * workerd tests can check it against the routes the Worker serves; `scripts/openapi.ts` writes it.
 *
 * @example
 * const doc = openApiDocument();
 * doc.paths["/wishes/{id}/claim"].post.security; // [{ bearer: [] }]
 */

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  "x-who": string;
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> } | { $ref: string }>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string; "x-title": string }[];
  paths: Record<string, Partial<Record<"get" | "post" | "put" | "delete", Operation>>>;
  components: {
    securitySchemes: Record<string, unknown>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
  };
}

/** `/wishes/:id/claim` → `/wishes/{id}/claim` (a Hono `:name{regex}` loses its regex). */
export const openApiPath = (honoPath: string) => honoPath.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}");

function jsonSchema(schema: NonNullable<RouteRow["body"]>): JsonSchema {
  const { $schema: _dialect, ...rest } = toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const ERROR_REF = { $ref: "#/components/responses/Error" };
const SUCCESS: Record<RouteRow["status"], string> = { 200: "OK", 201: "Created", 204: "No Content" };

function parameters(route: RouteRow): Parameter[] {
  const params: Parameter[] = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name: name!,
    in: "path",
    required: true,
    schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" },
  }));
  if (route.query) {
    const query = jsonSchema(route.query);
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      params.push({ name, in: "query", required: query.required?.includes(name) ?? false, schema });
    }
  }
  if (route.idempotent) {
    params.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "A repeat with the same key from the same caller returns the first response and creates nothing new.",
      schema: { type: "string", maxLength: 200 },
    });
  }
  return params;
}

function requestBody(route: RouteRow): Operation["requestBody"] {
  if (route.photo) {
    const schema = { type: "object", required: ["file"], properties: { file: { type: "string", contentMediaType: "application/octet-stream", description: "JPEG, PNG or WebP, at most 2 MB" } } };
    return { required: true, content: { "multipart/form-data": { schema } } };
  }
  if (!route.body) return undefined;
  const schema = jsonSchema(route.body);
  // A body whose every field is optional may be left out (a volunteer's claim sends none).
  return { required: (schema.required?.length ?? 0) > 0, content: { "application/json": { schema } } };
}

/** Failures every client must handle for this route, and the ones its own rules add. */
function errorStatuses(route: RouteRow): number[] {
  const statuses = new Set(route.errors ?? []);
  if (route.body || route.query || route.photo) statuses.add(400);
  if (route.auth === "bearer") statuses.add(401);
  if (route.auth === "bearer" && route.who !== "any token") statuses.add(403);
  if (route.path.includes(":")) statuses.add(404);
  if (route.body || route.photo) statuses.add(413);
  return [...statuses].sort((a, b) => a - b);
}

/** `POST /wishes/:id/claim` → `postWishesIdClaim`: unique, as method and path are. */
const operationId = (route: RouteRow) =>
  route.method.toLowerCase() +
  route.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");

function operation(route: RouteRow): Operation {
  const success =
    route.status === 204
      ? { description: SUCCESS[204] }
      : {
          description: `${SUCCESS[route.status]}: the body is described in docs/api.md`,
          content: route.csv ? { "text/csv": { schema: { type: "string" } } } : { "application/json": { schema: { type: "object" } } },
        };
  const params = parameters(route);
  const body = requestBody(route);
  return {
    operationId: operationId(route),
    tags: [route.tag],
    summary: route.summary,
    description: `Who may call it: ${route.who}.`,
    "x-who": route.who,
    security: route.auth === "none" ? [] : route.auth === "optional" ? [{}, { bearer: [] }] : [{ bearer: [] }],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: {
      [String(route.status)]: success,
      ...Object.fromEntries(errorStatuses(route).map((status) => [String(status), ERROR_REF])),
      default: ERROR_REF,
    },
  };
}

export function openApiDocument(routes: RouteRow[] = ROUTES): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routes) {
    const method = route.method.toLowerCase() as "get" | "post" | "put" | "delete";
    (paths[openApiPath(route.path)] ??= {})[method] = operation(route);
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "仁兴社区志愿服务平台 API",
      version: "1",
      description:
        "The HTTP API of the mini-program and the staff console. Generated at build time from functions/src/routes/table.ts and the shared zod schemas; docs/api.md in the repository is the full contract (response bodies, rules, error codes).",
    },
    servers: [{ url: "/api/v1" }],
    tags: TAGS.map((t) => ({ name: t.name, description: t.description, "x-title": t.title })),
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A token from /auth/wechat, /auth/dev-login or /auth/staff-login" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", pattern: "^[A-Z][A-Z0-9_]*$", examples: ["VALIDATION_FAILED", "WISH_NOT_OPEN"] },
                message: { type: "string", description: "中文说明, shown to the person as it is" },
                details: {
                  type: "array",
                  items: { type: "object", required: ["field", "message"], properties: { field: { type: "string" }, message: { type: "string" } } },
                },
              },
            },
          },
        },
      },
      responses: {
        Error: { description: "The contract's error shape; `code` tells the cause", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    },
  };
}

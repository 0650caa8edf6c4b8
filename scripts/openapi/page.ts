import type { OpenApiDocument, Operation, Parameter } from "./document";

/**
 * The /api/docs page: openapi.json rendered once, at build time, into plain HTML. No script and
 * no CDN (residents' and staff's networks in China, and a CSP of `default-src 'none'`); its only
 * other file is the stylesheet beside it, `/api/docs.css`.
 *
 * @example
 * writeFileSync("docs.html", referencePage(openApiDocument()));
 */

type Schema = Record<string, unknown>;

const escape = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** `string`, `integer`, `"a" | "b"`, `string[]`: the type as a client developer reads it. */
function typeOf(schema: Schema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(typeOf).join(" | ");
  if (schema.type === "array") return `${typeOf((schema.items as Schema | undefined) ?? {})}[]`;
  if (schema.type === "object" && schema.properties) return "object";
  return typeof schema.type === "string" ? schema.type : "any";
}

/** Limits a field carries from its zod schema: lengths, ranges, pattern, default. */
function rulesOf(schema: Schema): string {
  const rules: string[] = [];
  const range = (low: unknown, high: unknown, unit: string) => {
    if (low !== undefined && high !== undefined) rules.push(`${unit} ${low}–${high}`);
    else if (low !== undefined) rules.push(`${unit} ≥ ${low}`);
    else if (high !== undefined) rules.push(`${unit} ≤ ${high}`);
  };
  range(schema.minLength, schema.maxLength, "长度");
  range(schema.minimum, schema.maximum, "取值");
  range(schema.minItems, schema.maxItems, "条数");
  if (schema.format) rules.push(String(schema.format));
  if (schema.pattern) rules.push(`格式 <code>${escape(schema.pattern)}</code>`);
  if (schema.default !== undefined) rules.push(`默认 ${escape(JSON.stringify(schema.default))}`);
  if (typeof schema.description === "string") rules.push(escape(schema.description));
  return rules.join("；");
}

interface Field {
  name: string;
  where: string;
  required: boolean;
  schema: Schema;
}

/** Object fields flattened into rows: `onBehalfOf.phone`, `venues[].name`. */
function bodyFields(schema: Schema, where: string, prefix = ""): Field[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  return Object.entries(properties).flatMap(([name, field]) => {
    const row = { name: prefix + name, where, required: required.includes(name), schema: field };
    const items = field.type === "array" ? (field.items as Schema | undefined) : undefined;
    if (field.type === "object" && field.properties) return [row, ...bodyFields(field, where, `${prefix}${name}.`)];
    if (items?.type === "object" && items.properties) return [row, ...bodyFields(items, where, `${prefix}${name}[].`)];
    return [row];
  });
}

const WHERE: Record<Parameter["in"], string> = { path: "路径", query: "查询", header: "请求头" };

function fieldsOf(op: Operation): Field[] {
  const fields: Field[] = (op.parameters ?? []).map((p) => ({ name: p.name, where: WHERE[p.in], required: p.required, schema: { ...p.schema, ...(p.description ? { description: p.description } : {}) } }));
  for (const [type, { schema }] of Object.entries(op.requestBody?.content ?? {})) {
    fields.push(...bodyFields(schema, type === "multipart/form-data" ? "表单" : "请求体"));
  }
  return fields;
}

function authOf(op: Operation): string {
  if (op.security.length === 0) return "无需登录";
  if (op.security.some((s) => Object.keys(s).length === 0)) return "可选：带令牌时回答因人而异";
  return "<code>Authorization: Bearer &lt;token&gt;</code>";
}

function operationHtml(method: string, path: string, op: Operation): string {
  const fields = fieldsOf(op);
  const responses = Object.keys(op.responses).filter((s) => s !== "default");
  return `<article id="${escape(op.operationId)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code class="path">/api/v1${escape(path)}</code></h3>
<p>${escape(op.summary)}</p>
<dl><dt>调用者</dt><dd>${escape(op["x-who"])}</dd><dt>认证</dt><dd>${authOf(op)}</dd><dt>状态码</dt><dd>${responses.map((s) => `<span class="status s${s[0]}">${s}</span>`).join(" ")}</dd></dl>
${
  fields.length === 0
    ? ""
    : `<table><thead><tr><th>字段</th><th>位置</th><th>类型</th><th>必填</th><th>规则</th></tr></thead><tbody>
${fields.map((f) => `<tr><td><code>${escape(f.name)}</code></td><td>${f.where}</td><td><code>${escape(typeOf(f.schema))}</code></td><td>${f.required ? "是" : "否"}</td><td>${rulesOf(f.schema)}</td></tr>`).join("\n")}
</tbody></table>`
}
</article>`;
}

export function referencePage(doc: OpenApiDocument): string {
  const sections = doc.tags.map((tag) => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.tags.includes(tag.name))
        .map(([method, op]) => operationHtml(method, path, op)),
    );
    return `<section id="${escape(tag.name)}">
<h2>${escape(tag["x-title"])} <small>${escape(tag.description)}</small></h2>
${ops.join("\n")}
</section>`;
  });
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>仁兴社区志愿服务 API 参考</title>
<link rel="stylesheet" href="/api/docs.css">
</head>
<body>
<header>
<h1>仁兴社区志愿服务 API 参考</h1>
<p>所有路径都在 <code>/api/v1</code> 之下，JSON 进出。机器可读的 OpenAPI ${escape(doc.openapi)} 文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>。
出错时的回答一律是 <code>{ "error": { "code", "message", "details"? } }</code>，<code>code</code> 说明原因，<code>message</code> 是给人看的中文。
响应体、业务规则与全部错误码见仓库里的 <code>docs/api.md</code>。</p>
<nav>${doc.tags.map((t) => `<a href="#${escape(t.name)}">${escape(t["x-title"])}</a>`).join(" · ")}</nav>
</header>
<main>
${sections.join("\n")}
</main>
</body>
</html>
`;
}

export const STYLESHEET = `body { font: 15px/1.6 system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 960px; padding: 0 16px 48px; color: #1f2328; }
header { border-bottom: 1px solid #d0d7de; padding-bottom: 12px; }
h1 { font-size: 24px; } h2 { margin-top: 40px; border-bottom: 2px solid #c8102e; padding-bottom: 4px; } h2 small { color: #59636e; font-weight: normal; font-size: 14px; }
h3 { font-size: 16px; margin: 0 0 4px; } code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 13px; }
nav a { color: #0969da; } article { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
article p { margin: 4px 0 8px; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; } dt { color: #59636e; } dd { margin: 0; }
.method { display: inline-block; min-width: 56px; text-align: center; border-radius: 4px; color: #fff; font-size: 12px; padding: 1px 6px; }
.get { background: #1a7f37; } .post { background: #0969da; } .put { background: #9a6700; } .delete { background: #cf222e; }
.status { font-family: ui-monospace, monospace; font-size: 12px; padding: 0 4px; border-radius: 3px; background: #f6f8fa; }
.s2 { color: #1a7f37; } .s4 { color: #9a6700; } .s5 { color: #cf222e; }
table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; } th { background: #f6f8fa; }
`;

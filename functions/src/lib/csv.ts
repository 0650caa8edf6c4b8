/**
 * One CSV cell: quoted when needed, and never starting like a formula (Excel would run
 * `=HYPERLINK(…)` typed by a resident), so such text gets a leading `'`.
 *
 * @example csvCell("=1+1") // "'=1+1"
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * An office export: UTF-8 with a BOM (so Excel reads the Chinese), CRLF lines, the header first.
 *
 * @example csvDocument(["网格", "收到"], [["第一网格", 3]])
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

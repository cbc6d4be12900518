/**
 * CSV for exports (RFC 4180): every cell quoted, quotes doubled, rows ended by CRLF. A text cell
 * that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a
 * leading apostrophe (OWASP "CSV injection"). Numbers are written as they are: a negative count is
 * data, not a formula, and stays a number for whoever sums the column.
 */
export function csvCell(value: unknown): string {
  const text = cellText(value);
  const safe = typeof value !== "number" && typeof value !== "bigint" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  // Structured values (an audit entry's details) as JSON, never "[object Object]".
  return JSON.stringify(value) ?? "";
}

/** A whole CSV document: the header row, then the rows, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

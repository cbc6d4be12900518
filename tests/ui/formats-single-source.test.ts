/**
 * Times and numbers have one format, written in one place: platform/format.ts (and <Time>, which
 * uses it). Issue 15, item 7. This scan fails when a UI file (modules/<m>/ui, components, app)
 * formats a date, a time or a number on its own.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const THE_SOURCE = "platform/format.ts";

/**
 * UI files allowed to format on their own while someone else changes them (issue 15, item 7):
 * meant to be empty, and empty now (the lineage files format through formatCount).
 */
const PENDING_FILES: readonly string[] = [];

function files(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(ROOT, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : files(rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** The UI: every module's ui/ folder, the UI kit and shell, and the routes and pages. */
function uiFiles(): string[] {
  const modules = readdirSync(path.join(ROOT, "modules"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => files(`modules/${e.name}/ui`));
  return [...modules, ...files("components"), ...files("app")].sort();
}

const RULES: { why: string; re: RegExp }[] = [
  { why: "toLocaleString / toLocaleDateString / toLocaleTimeString", re: /\.toLocale(?:Date|Time)?String\(/ },
  {
    why: "an Intl date, number or relative-time format of its own",
    // Reading the browser's zone for a local date-time input (`Intl.DateTimeFormat().resolvedOptions()`) formats nothing.
    re: /\bIntl\.(?:DateTimeFormat|NumberFormat|RelativeTimeFormat|DurationFormat)\((?!\)\.resolvedOptions\(\))/,
  },
  { why: "toFixed / toPrecision (a number format of its own)", re: /\.to(?:Fixed|Precision)\(/ },
  {
    why: "an ISO 8601 instant written into text",
    // `${formatDateTime(d.toISOString())}` hands the instant to the one format: fine.
    re: /\$\{(?![^}`]*\bformat\w*\()[^}`]*\.toISOString\(\)[^}`]*\}/,
  },
  { why: "an ISO 8601 instant as page text", re: /(?:>|^)\s*\{[^}]*\.toISOString\(\)[^}]*\}/ },
  { why: "a time of day cut out of an ISO string", re: /\.slice\(\s*11\s*,/ },
];

/** What would be a second format in one file's text, line by line (comments skipped). */
function ownFormats(text: string): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, i) => {
    const code = line.trim();
    if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) return;
    for (const { why, re } of RULES) if (re.test(line)) found.push(`line ${i + 1}: ${why}: ${code}`);
  });
  return found;
}

describe("times and numbers have one format (platform/format.ts)", () => {
  const ui = uiFiles();
  const read = (f: string) => readFileSync(path.join(ROOT, f), "utf8");

  it("finds the UI (so an empty scan cannot pass)", () => {
    expect(ui).toContain("components/ui/time.tsx");
    expect(ui).toContain("modules/keys/ui/usage-buckets.ts");
    expect(ui.some((f) => f.startsWith("app/"))).toBe(true);
    expect(ui.length).toBeGreaterThan(200);
  });

  it("catches the ways a page used to format on its own, and lets the rest be", () => {
    const caught = [
      `{panel.treeSize.toLocaleString("en")} entries`,
      "const when = d.toLocaleDateString();",
      'const HOUR = new Intl.DateTimeFormat("en-GB", { hour: "2-digit" });',
      'const n = Intl.NumberFormat("en").format(x);',
      "return `${(share * 100).toFixed(1)} %`;",
      "(t) => `Token issued; it expires ${new Date(t.expires_at).toISOString()}.`,",
      "<span title={`Starts ${new Date(start).toISOString()}`}>",
      "            {new Date(x).toISOString()}",
      "`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`",
    ];
    for (const line of caught) expect(ownFormats(line), line).toHaveLength(1);
    const fine = [
      "const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;",
      "expires_at: expires.toISOString(),",
      "const due = formatDate(new Date(Date.now() + days * DAY_MS).toISOString());",
      "now={new Date().toISOString()}",
      "text: `It takes effect on ${formatDateTime(when.earliest.toISOString())}, at the end`,",
      "// toLocaleString would differ between server and browser",
      "{formatCount(panel.treeSize)} entries",
    ];
    for (const line of fine) expect(ownFormats(line), line).toEqual([]);
  });

  it("no UI file formats a time or a number on its own", () => {
    const offenders = ui
      .filter((f) => !PENDING_FILES.includes(f))
      .map((f) => ({ file: f, found: ownFormats(read(f)) }))
      .filter((o) => o.found.length > 0);
    expect(
      offenders,
      `format through ${THE_SOURCE} (formatDateTime, formatDate, formatDay, formatMonth, formatCount, ` +
        "formatBytes, formatPercent, formatDuration, formatMillis) or <Time>",
    ).toEqual([]);
  });
});

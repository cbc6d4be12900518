/**
 * "Ask, don't restate": components and pages never decide what to show by comparing role
 * names; they show controls from the `allowed_actions` the read models return (decided by the
 * Cedar policy). A role name compared in UI code is a second copy of the policy that drifts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROLES } from "@/platform/policy/roles";

const ROOT = path.resolve(__dirname, "../..");

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

const UI_DIRS = [
  "app",
  "components",
  ...readdirSync(path.join(ROOT, "modules"))
    .map((m) => path.join("modules", m, "ui"))
    .filter((d) => {
      try {
        return statSync(path.join(ROOT, d)).isDirectory();
      } catch {
        return false;
      }
    }),
];

const role = `["'\`](?:${ROLES.join("|")})["'\`]`;
/** `x === "customer_admin"`, `"auditor" !== x`, `case "provider_admin":`, `.includes("support_engineer")`. */
const COMPARISON = new RegExp(
  [`[!=]==?\\s*${role}`, `${role}\\s*[!=]==?`, `case\\s+${role}`, `\\.includes\\(\\s*${role}`].join("|"),
);

/** Every role-name comparison in UI code, as "file:line: text". */
function roleComparisons(source: string, file: string): string[] {
  return source
    .split("\n")
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => COMPARISON.test(line))
    .map(({ line, n }) => `${file}:${n}: ${line.trim()}`);
}

describe("UI code asks the policy instead of restating it", () => {
  it("finds the comparisons it looks for (the check itself works)", () => {
    expect(roleComparisons('const a = role === "customer_admin";', "x.tsx")).toHaveLength(1);
    expect(roleComparisons("if ('compliance_officer' !== r) {}", "x.tsx")).toHaveLength(1);
    expect(roleComparisons('  case "auditor":', "x.tsx")).toHaveLength(1);
    expect(roleComparisons('roles.includes("support_engineer")', "x.tsx")).toHaveLength(1);
    expect(roleComparisons('allowed.includes("keys.manage")', "x.tsx")).toEqual([]);
    expect(roleComparisons("const label = ROLE_LABELS[role];", "x.tsx")).toEqual([]);
  });

  it("no component, page or module UI compares role names", () => {
    const found = UI_DIRS.flatMap((dir) => files(path.join(ROOT, dir))).flatMap((file) =>
      roleComparisons(readFileSync(file, "utf8"), path.relative(ROOT, file)),
    );
    expect(found).toEqual([]);
  });
});

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTIONS,
  AUDIT_CATEGORIES,
  auditActionGroups,
  isAuditAction,
  SUBJECT_KINDS,
  type AuditActionSpec,
} from "@/modules/audit/domain/actions";
import { actorDisplayName, systemActorName, type AuditActorView } from "@/modules/audit/domain/actors";
import { actionWords, describeSubject, KNOWN_ACTION_FILTERS, TENANT_ACTION_GROUPS } from "@/modules/audit/ui/actions";
import { withAuditActionTable } from "@/scripts/lib/audit-actions-doc";

const ROOT = path.resolve(__dirname, "../..");
const entries = Object.entries(AUDIT_ACTIONS) as [string, AuditActionSpec][];

/** Every TypeScript file of the product (not tests, not generated code). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("the audit-action registry", () => {
  it("gives every action its words, a known category that is its prefix, and known subject kinds", () => {
    expect(entries.length).toBeGreaterThan(30);
    for (const [action, spec] of entries) {
      expect(action, action).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(Object.keys(AUDIT_CATEGORIES), action).toContain(spec.category);
      expect(action.startsWith(`${spec.category}.`), `${action} is in category ${spec.category}`).toBe(true);
      expect(spec.label.trim().length, action).toBeGreaterThan(3);
      expect(spec.when.trim().length, action).toBeGreaterThan(10);
      expect(["always", "sometimes", "never"], action).toContain(spec.tenant);
      for (const kind of spec.subjects) expect(Object.keys(SUBJECT_KINDS), action).toContain(kind);
      expect(new Set(spec.subjects).size, `${action}: subject kinds listed once`).toBe(spec.subjects.length);
    }
  });

  it("has no duplicates: one entry per action, and no two actions read the same", () => {
    const actions = entries.map(([a]) => a);
    expect(new Set(actions).size).toBe(actions.length);
    const labels = entries.map(([, s]) => s.label.toLowerCase());
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
    // Every category is used, so the filter never offers an empty group.
    for (const category of Object.keys(AUDIT_CATEGORIES))
      expect(
        entries.some(([, s]) => s.category === category),
        category,
      ).toBe(true);
  });

  it("registers every action the product's code writes", () => {
    const files = ["modules", "platform", "prisma", "app", "scripts"].flatMap((d) => sourceFiles(path.join(ROOT, d)));
    const literal = /\baction:\s*(?:ok \? )?"([a-z_]+\.[a-z_.]+)"(?:\s*:\s*"([a-z_]+\.[a-z_.]+)")?/g;
    const template = /\baction:\s*`([a-z_]+)\.\$\{/g;
    const written = new Set<string>();
    const prefixes = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      // Only files that write entries: through appendAudit, or straight into the table.
      if (!/appendAudit\(|auditEntry\.create/.test(text)) continue;
      for (const m of text.matchAll(literal)) for (const a of [m[1], m[2]]) if (a) written.add(a);
      for (const m of text.matchAll(template)) prefixes.add(m[1]!);
    }
    // The ones named in the brief, at least: keys, decisions, lineage and ingest are all there.
    for (const a of ["key.created", "lineage.alert_raised", "ingest.openlineage", "sign_in.failed", "demo.seeded"])
      expect(written, a).toContain(a);
    expect([...written].filter((a) => !isAuditAction(a))).toEqual([]);
    // Built ones (`key.${event}`, `sharing_decision.${step}`) are typed; their prefix is a category.
    expect([...prefixes].sort()).toEqual(["key", "sharing_decision"]);
    for (const p of prefixes) expect(Object.keys(AUDIT_CATEGORIES)).toContain(p);
  });

  it("docs/audit-log.md's action table is the registry's (run npm run docs:audit-actions)", () => {
    const doc = readFileSync(path.join(ROOT, "docs/audit-log.md"), "utf8");
    const fresh = withAuditActionTable(doc);
    expect(doc, "docs/audit-log.md is out of date: run npm run docs:audit-actions").toBe(fresh);
    for (const [action] of entries) expect(doc).toContain(`\`${action}\``);
  });
});

describe("the audit page's action filter, from the registry", () => {
  it("offers every action a tenant's log can hold, by category, and nothing it never can", () => {
    const offered = TENANT_ACTION_GROUPS.flatMap((g) => g.actions.map((a) => a.action));
    const tenantActions = entries.filter(([, s]) => s.tenant !== "never").map(([a]) => a);
    expect(offered.sort()).toEqual(tenantActions.sort());
    for (const prefix of ["key.", "sharing_decision.", "lineage.", "ingest.", "api_token.", "access."])
      expect(KNOWN_ACTION_FILTERS.has(prefix), prefix).toBe(true);
    expect(KNOWN_ACTION_FILTERS.has("key.deletion_scheduled")).toBe(true);
    expect(KNOWN_ACTION_FILTERS.has("sign_in.")).toBe(false);
    for (const group of TENANT_ACTION_GROUPS) {
      expect(group.label).toBe(AUDIT_CATEGORIES[group.category]);
      for (const { action, label } of group.actions) {
        expect(action.startsWith(group.prefix)).toBe(true);
        expect(label).toBe(AUDIT_ACTIONS[action].label);
      }
    }
    // Everything, including what only the region's own log holds, for the docs.
    expect(auditActionGroups().flatMap((g) => g.actions)).toHaveLength(entries.length);
  });

  it("reads actions and subjects in words, and unknown old ones still readably", () => {
    expect(actionWords("key.deletion_scheduled")).toBe("Key deletion scheduled");
    expect(actionWords("sharing_decision.review_rejected")).toBe("Sharing decision sent back in review");
    expect(actionWords("token.created_long_ago")).toBe("Token: created long ago");
    expect(describeSubject("sharing_decision:abc")).toEqual({ kind: "Sharing decision", id: "abc" });
    expect(describeSubject("widget:7")).toEqual({ kind: "Widget", id: "7" });
  });
});

describe("actors in words", () => {
  const actor = (over: Partial<AuditActorView>): AuditActorView => ({
    type: "user",
    id: "2a9b3ab0-0000-4000-8000-000000000000",
    name: "Ana Ortega",
    email: null,
    token: null,
    employer: null,
    country: null,
    ...over,
  });

  it("people by name, tokens by name and owner, the system by component", () => {
    expect(actorDisplayName(actor({}))).toBe("Ana Ortega");
    expect(actorDisplayName(actor({ type: "api_token", token: { id: "t", name: "CI export" } }))).toBe(
      "CI export (token of Ana Ortega)",
    );
    expect(actorDisplayName(actor({ type: "api_token", token: { id: "t", name: null } }))).toBe(
      "An API token (token of Ana Ortega)",
    );
    expect(actorDisplayName(actor({ name: null }))).toBe("Unknown user 2a9b3ab0…");
    expect(actorDisplayName(actor({ type: "system", id: "key-rotation", name: systemActorName("key-rotation") }))).toBe(
      "Key rotation job",
    );
    expect(systemActorName("ingest-token:x", "Frankfurt data plane")).toBe(
      "Data plane (ingest token Frankfurt data plane)",
    );
    expect(systemActorName("something-new")).toBe("something-new");
    expect(actorDisplayName(actor({ type: "anonymous", id: null, name: null }))).toBe("Anonymous");
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/platform/env";
import { compileNamespaceRules, type CompiledRule } from "@/modules/lineage/domain/namespace-rules";
import { findRegion } from "@/platform/region/registry";

let cached: { key: string; rules: CompiledRule[] } | undefined;

/**
 * The region's namespace rules, from LINEAGE_NAMESPACE_RULES_JSON or the file named by
 * LINEAGE_NAMESPACE_RULES_FILE (none: every dataset without a residency facet is "region
 * unknown"). Compiled once per configuration; an invalid configuration throws, so ingest
 * fails loudly instead of placing data by half a rule set.
 */
export function namespaceRules(): CompiledRule[] {
  const e = env();
  const key = e.LINEAGE_NAMESPACE_RULES_JSON
    ? `json:${e.LINEAGE_NAMESPACE_RULES_JSON}`
    : e.LINEAGE_NAMESPACE_RULES_FILE
      ? `file:${path.resolve(e.LINEAGE_NAMESPACE_RULES_FILE)}`
      : "none";
  if (cached?.key === key) return cached.rules;
  let raw: unknown = [];
  if (e.LINEAGE_NAMESPACE_RULES_JSON) raw = JSON.parse(e.LINEAGE_NAMESPACE_RULES_JSON);
  else if (e.LINEAGE_NAMESPACE_RULES_FILE)
    raw = JSON.parse(readFileSync(path.resolve(e.LINEAGE_NAMESPACE_RULES_FILE), "utf8"));
  const rules = compileNamespaceRules(raw, (id) => findRegion(id) !== undefined);
  cached = { key, rules };
  return rules;
}

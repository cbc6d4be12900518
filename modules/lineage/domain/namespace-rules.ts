import { z } from "zod";
import { REGION_ID } from "@/modules/lineage/domain/terrane-facets";

/**
 * Placing datasets that carry no terrane_residency facet: an ordered list of globs on the
 * dataset's OpenLineage namespace (`s3://northwind-eu-*`, `postgres://*.me-central-1.*`); the
 * first that matches gives the region (and, optionally, the subprocessor holding the data).
 * `*` matches any run of characters, `?` exactly one; everything else is literal and the whole
 * namespace must match. Nothing matches: the region is unknown, which is itself a finding.
 */

export const namespaceRuleSchema = z
  .object({
    match: z.string().trim().min(1).max(500),
    region: z.string().regex(REGION_ID, "must be a region id, e.g. eu-central-1"),
    subprocessor: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const namespaceRulesSchema = z.array(namespaceRuleSchema).max(1_000);
export type NamespaceRule = z.infer<typeof namespaceRuleSchema>;

export interface CompiledRule extends NamespaceRule {
  pattern: RegExp;
}

export interface Placement {
  region: string | null;
  source: "facet" | "rule" | "unknown";
  subprocessor: string | null;
}

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

/** Validates rules, and that every region they name is one the registry knows. */
export function compileNamespaceRules(raw: unknown, knownRegion: (id: string) => boolean): CompiledRule[] {
  const parsed = namespaceRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Error(`Invalid lineage namespace rules at [${first.path.join("].[")}]: ${first.message}`);
  }
  return parsed.data.map((rule, i) => {
    if (!knownRegion(rule.region))
      throw new Error(`Invalid lineage namespace rules at [${i}].region: ${rule.region} is not in the region registry`);
    return { ...rule, pattern: globToRegExp(rule.match) };
  });
}

export function placeByRules(namespace: string, rules: readonly CompiledRule[]): Placement {
  const rule = rules.find((r) => r.pattern.test(namespace));
  return rule
    ? { region: rule.region, source: "rule", subprocessor: rule.subprocessor ?? null }
    : { region: null, source: "unknown", subprocessor: null };
}

import { z } from "zod";
import { REGION_ID, TENANT_SLUG } from "@/modules/lineage/domain/terrane-facets";

/**
 * The region's namespace rules: an ordered list of globs on OpenLineage namespaces, of two kinds.
 *
 * - A **placement** rule (`region`, optionally `subprocessor`) places a dataset that carries no
 *   terrane_residency facet, by the dataset's namespace (`s3://northwind-eu-*`,
 *   `postgres://*.me-central-1.*`). Nothing matches: the region is unknown, itself a finding.
 * - A **tenant** rule (`tenant`) attributes an event that names no tenant (no terrane_tenant
 *   facet, sent with an unbound ingest token) by its job's namespace (`northwind-dbt`,
 *   `northwind-airflow-*`): what stock producers (dbt-ol, Airflow, Spark) let one configure.
 *
 * Within each kind the first rule that matches decides. `*` matches any run of characters, `?`
 * exactly one; everything else is literal and the whole namespace must match.
 */

const match = z.string().trim().min(1).max(500);

export const namespaceRuleSchema = z
  .object({
    match,
    region: z.string().regex(REGION_ID, "must be a region id, e.g. eu-central-1").optional(),
    subprocessor: z.string().trim().min(1).max(200).optional(),
    tenant: z.string().regex(TENANT_SLUG, "must be a tenant slug (lower-case letters, digits and -)").optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if ((rule.region === undefined) === (rule.tenant === undefined))
      ctx.addIssue({
        code: "custom",
        message:
          "a rule names either a region (placing datasets by their namespace) or a tenant (attributing events by their job's namespace)",
      });
    else if (rule.tenant !== undefined && rule.subprocessor !== undefined)
      ctx.addIssue({ code: "custom", path: ["subprocessor"], message: "a tenant rule places no dataset" });
  });

export const namespaceRulesSchema = z.array(namespaceRuleSchema).max(1_000);
export type NamespaceRule = z.infer<typeof namespaceRuleSchema>;

export type CompiledRule = { match: string; pattern: RegExp } & (
  { kind: "placement"; region: string; subprocessor: string | null } | { kind: "tenant"; tenant: string }
);

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
  return parsed.data.map((rule, i): CompiledRule => {
    const pattern = globToRegExp(rule.match);
    if (rule.tenant !== undefined) return { kind: "tenant", match: rule.match, pattern, tenant: rule.tenant };
    if (!knownRegion(rule.region!))
      throw new Error(`Invalid lineage namespace rules at [${i}].region: ${rule.region} is not in the region registry`);
    return {
      kind: "placement",
      match: rule.match,
      pattern,
      region: rule.region!,
      subprocessor: rule.subprocessor ?? null,
    };
  });
}

export function placeByRules(namespace: string, rules: readonly CompiledRule[]): Placement {
  for (const rule of rules) {
    if (rule.kind === "placement" && rule.pattern.test(namespace))
      return { region: rule.region, source: "rule", subprocessor: rule.subprocessor };
  }
  return { region: null, source: "unknown", subprocessor: null };
}

/** The tenant the first tenant rule matching a job's namespace names, with the rule's position. */
export function tenantByRules(
  jobNamespace: string,
  rules: readonly CompiledRule[],
): { tenant: string; rule: number } | null {
  for (const [i, rule] of rules.entries()) {
    if (rule.kind === "tenant" && rule.pattern.test(jobNamespace)) return { tenant: rule.tenant, rule: i };
  }
  return null;
}

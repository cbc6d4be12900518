import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { destinationKey, destinationLabel, type Destination } from "@/modules/sharing/domain/destination";
import { OUTCOME_LABELS, PERMITTED_FORMS, type LegalBasis, type SharingOutcome } from "@/modules/sharing/domain/model";
import type { ForceWindow } from "@/modules/sharing/domain/windows";
import { policyId } from "@/modules/sharing/domain/policy-id";

/** The schema every tenant's compiled sharing policy is validated against. */
export const SHARING_SCHEMA = `namespace TerraneSharing {
  // A data class, by its stable key (e.g. "customer_pii").
  entity DataClass;
  // A destination: "region:<id>", "partner:<name>" or "subprocessor:<name>@<location>".
  entity Destination;
  // When the data moves, and in what form: "raw", "pseudonymised" or "aggregate".
  type Flow = { at: datetime, form: String };
  action "transfer" appliesTo { principal: DataClass, resource: Destination, context: Flow };
}
`;

/** One accepted version with the window in which it is in force. */
export interface CompilableVersion {
  versionId: string;
  decisionId: string;
  version: number;
  dataClass: string;
  destination: Destination;
  outcome: SharingOutcome;
  legalBasis: LegalBasis | null;
  tiaRef: string | null;
  dpaClause: string | null;
  window: ForceWindow;
}

export interface CompiledPolicy {
  /** The whole document, as the customer reads it. */
  text: string;
  /** Each policy's text by its @id, for the engine (its answers name these ids). */
  policies: Record<string, string>;
  /** The version behind each policy id. */
  versions: Map<string, CompilableVersion>;
}

/** A Cedar string literal: quotes and backslashes escaped, control characters as \u{…}. */
export function cedarString(value: string): string {
  const escaped = value
    .replaceAll("\\", "\\\\")
    .replaceAll('"', '\\"')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
  return `"${escaped}"`;
}

const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, " ");

function conditions(v: CompilableVersion): string[] {
  const when = [`context.at >= datetime(${cedarString(v.window.from.toISOString())})`];
  if (v.window.until) when.push(`context.at < datetime(${cedarString(v.window.until.toISOString())})`);
  const forms = PERMITTED_FORMS[v.outcome];
  if (v.outcome !== "deny" && forms.length < 3) {
    when.push(
      forms.length === 1
        ? `context.form == ${cedarString(forms[0]!)}`
        : `[${forms.map(cedarString).join(", ")}].contains(context.form)`,
    );
  }
  return when;
}

function policyText(v: CompilableVersion): string {
  const until = v.window.until ? `until ${v.window.until.toISOString()}` : "open-ended";
  const annotations = [
    `@id(${cedarString(policyId(v))})`,
    `@decision(${cedarString(v.decisionId)})`,
    `@version(${cedarString(String(v.version))})`,
    `@outcome(${cedarString(v.outcome)})`,
    ...(v.legalBasis ? [`@legal_basis(${cedarString(v.legalBasis)})`] : []),
    ...(v.tiaRef ? [`@tia_ref(${cedarString(v.tiaRef)})`] : []),
    ...(v.dpaClause ? [`@dpa_clause(${cedarString(v.dpaClause)})`] : []),
  ];
  return [
    oneLine(
      `// ${v.dataClass} → ${destinationLabel(v.destination)}: ${OUTCOME_LABELS[v.outcome]} (version ${v.version}, from ${v.window.from.toISOString()}, ${until})`,
    ),
    ...annotations,
    `${v.outcome === "deny" ? "forbid" : "permit"} (`,
    `  principal == TerraneSharing::DataClass::${cedarString(v.dataClass)},`,
    `  action == TerraneSharing::Action::"transfer",`,
    `  resource == TerraneSharing::Destination::${cedarString(destinationKey(v.destination))}`,
    `) when {`,
    `  ${conditions(v).join(" &&\n  ")}`,
    `};`,
  ].join("\n");
}

function messages(errors: { message: string }[]): string {
  return errors.map((e) => e.message).join("; ");
}

/**
 * Readable Cedar for the accepted versions of a tenant's decisions: one `permit` per allowing
 * version and one `forbid` per explicit deny, each limited to its window in force. Whatever no
 * policy permits is denied by Cedar itself, which is the DPA's default. Validated against
 * SHARING_SCHEMA: text that does not validate is a bug, never served.
 */
export function compileSharingPolicy(
  tenant: { slug: string; homeRegion: string },
  versions: CompilableVersion[],
  revision: number,
): CompiledPolicy {
  const sorted = [...versions].sort(
    (a, b) =>
      a.dataClass.localeCompare(b.dataClass) ||
      destinationKey(a.destination).localeCompare(destinationKey(b.destination)) ||
      a.version - b.version,
  );
  const policies: Record<string, string> = {};
  const byId = new Map<string, CompilableVersion>();
  for (const v of sorted) {
    policies[policyId(v)] = policyText(v);
    byId.set(policyId(v), v);
  }
  const header = [
    `// Sharing policy of tenant ${tenant.slug} (home region ${tenant.homeRegion}), revision ${revision}.`,
    "// Compiled by Terrane from the accepted versions of the sharing decisions in the tenant's DPA.",
    "// Cedar denies whatever no policy permits: a data class not permitted here stays in its region.",
    "// Each policy holds only while its version is in force (context.at); conditional decisions",
    '// permit only the forms of data they allow (context.form: "raw", "pseudonymised", "aggregate").',
    ...(sorted.length === 0 ? ["// No decision is accepted yet: nothing may leave the region."] : []),
  ];
  const schemaComment = [
    "// Schema:",
    ...SHARING_SCHEMA.trimEnd()
      .split("\n")
      .map((l) => `//   ${l}`),
  ];
  const text = `${[header.join("\n"), ...Object.values(policies), schemaComment.join("\n")].join("\n\n")}\n`;

  const validation = cedar.validate({ schema: SHARING_SCHEMA, policies: { staticPolicies: text } });
  if (validation.type === "failure")
    throw new Error(`Compiled sharing policy does not parse: ${messages(validation.errors)}`);
  if (validation.validationErrors.length > 0) {
    throw new Error(
      `Compiled sharing policy does not validate: ${validation.validationErrors.map((e) => `${e.policyId}: ${e.error.message}`).join("; ")}`,
    );
  }
  return { text, policies, versions: byId };
}

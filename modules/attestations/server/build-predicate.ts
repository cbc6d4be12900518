import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { TERRANE_VERSION } from "@/platform/version";
import { canonicalDigest } from "@/modules/attestations/domain/statement";
import { periodName, type Period } from "@/modules/attestations/domain/period";
import { residencyPredicateSchema, verdictOf, type ResidencyPredicate } from "@/modules/attestations/domain/predicate";
import { custodyFacts } from "@/modules/attestations/server/custody-facts";
import { logFacts } from "@/modules/attestations/server/log-facts";
import { residencyFacts } from "@/modules/attestations/server/residency-facts";
import { supportFacts } from "@/modules/attestations/server/support-facts";
import { attestedGovernance } from "@/modules/governance/server/attestation-figures";

/**
 * Everything an attestation says about a tenant and a period, read in one transaction (one
 * snapshot of the registers), judged, and checked against the predicate's schema before
 * anything is signed.
 */
export async function buildResidencyPredicate(
  tx: Tx,
  input: { tenantId: string; period: Period; region: string; verifiedAt: Date },
): Promise<ResidencyPredicate> {
  const { tenantId, period } = input;
  const residency = await residencyFacts(tx, tenantId, period);
  const custody = await custodyFacts(tx, tenantId, period);
  const support = await supportFacts(tx, tenantId, period);
  const log = await logFacts(tx, period);
  const governance = await attestedGovernance(tx, tenantId, period, input.region, input.verifiedAt);
  const facts = { ...residency, ...custody, ...support };
  const policyList = residency.decisions_in_force.map((d) => ({
    id: d.id,
    version: d.version,
    content_sha256: d.content_sha256,
  }));
  const predicate: ResidencyPredicate = {
    tenant: residency.tenant,
    period: { from: period.from.toISOString(), to: period.to.toISOString(), name: periodName(period) },
    verification: {
      verifier: { id: `terrane:${input.region}`, version: TERRANE_VERSION },
      time_verified: input.verifiedAt.toISOString(),
      policy: {
        uri: `terrane:${input.region}:tenants/${residency.tenant.slug}/decisions@${period.to.toISOString()}`,
        digest: { sha256: canonicalDigest(policyList) },
      },
      ...verdictOf(facts),
    },
    residency: residency.residency,
    flows: residency.flows,
    violations: residency.violations,
    decisions_in_force: residency.decisions_in_force,
    key_custody: custody.key_custody,
    support_access: support.support_access,
    ...(governance ? { governance } : {}),
    audit_log: log.audit_log,
  };
  return residencyPredicateSchema.parse(predicate);
}

import "server-only";
import { canonicalJsonBytes, type JsonValue } from "@/modules/audit/domain/canonical-json";
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope, type DsseEnvelope } from "@/modules/attestations/domain/dsse";
import { sha256Hex, statementAbout, statementBytes } from "@/modules/attestations/domain/statement";
import { attestationSigner } from "@/modules/attestations/server/sign";
import { env } from "@/platform/env";
import { DRILL_PREDICATE_TYPE, type DrillKind, type DrillResult } from "@/modules/drills/domain/model";

export interface DrillReportFacts {
  drillId: string;
  tenant: { id: string; slug: string };
  kind: DrillKind;
  startedAt: Date;
  finishedAt: Date;
  startedBy: { id: string; name: string } | null;
  consentId: string | null;
  scheduleId: string | null;
  passed: boolean;
  result: DrillResult;
}

/** The predicate of a drill report: what was done, when, by whom, what was measured. */
export function drillPredicate(f: DrillReportFacts): Record<string, JsonValue> {
  return {
    drill_id: f.drillId,
    region: env().REGION,
    tenant: { id: f.tenant.id, slug: f.tenant.slug },
    kind: f.kind,
    started_at: f.startedAt.toISOString(),
    finished_at: f.finishedAt.toISOString(),
    started_by: f.startedBy ? { id: f.startedBy.id, name: f.startedBy.name } : null,
    consent_id: f.consentId,
    schedule_id: f.scheduleId,
    passed: f.passed,
    steps: f.result.steps.map((s) => ({
      step: s.step,
      outcome: s.outcome,
      at: s.at,
      ms: s.ms,
      ...(s.detail ? { detail: s.detail } : {}),
    })),
    figures: JSON.parse(JSON.stringify(f.result.figures ?? {})) as JsonValue,
  };
}

/**
 * The signed drill report: an in-toto statement about the predicate in a DSSE envelope, signed
 * with the region's attestation key exactly as residency attestations are (its keyid is the
 * key's `kid` in the region's JWKS), so the same verifier checks both.
 */
export async function signDrillReport(f: DrillReportFacts): Promise<{ envelope: DsseEnvelope; sha256: string }> {
  const statement = statementAbout(`drill:${f.tenant.slug}:${f.drillId}`, DRILL_PREDICATE_TYPE, drillPredicate(f));
  const envelope = await signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement), await attestationSigner());
  return { envelope, sha256: sha256Hex(canonicalJsonBytes(envelope)) };
}

import "server-only";
import { currentRegion } from "@/platform/region/registry";
import { jwkKeyId, logVerifierKey } from "@/modules/audit/server/public-log";
import { regionKey } from "@/modules/audit/server/signing-keys";
import { SNAPSHOT_PAYLOAD_TYPE, type TrustDocument } from "@/modules/subprocessors/api-schemas/public";
import { REPORT_PAYLOAD_TYPE } from "@/modules/lawful-access/domain/report";
import { latestReport } from "@/modules/lawful-access/server/reports";
import { prisma } from "@/platform/db/db";

/**
 * `/.well-known/trust.json`: where this region publishes what a customer or auditor checks, as
 * absolute URLs of the region registry's instance URL, so a tool needs only this one address.
 */
export async function trustDocument(): Promise<TrustDocument> {
  const region = currentRegion();
  const at = (path: string) => `${region.url}${path}`;
  const [verifierKey, attestation, report] = await Promise.all([
    logVerifierKey(),
    regionKey("attestation"),
    prisma().then(latestReport),
  ]);
  return {
    region: {
      id: region.id,
      name: region.name,
      jurisdiction: region.jurisdiction,
      city: region.city,
      country: region.country,
      tiers: region.tiers,
      url: region.url,
    },
    trust_page: at("/trust"),
    openapi: at("/api/v1/openapi.json"),
    keys: { jwks: at("/.well-known/jwks.json"), attestation_kid: jwkKeyId(attestation) },
    audit_log: {
      checkpoint: at("/api/v1/audit/checkpoint"),
      verifier_key: verifierKey,
      verifier_key_url: at("/api/v1/audit/key"),
    },
    subprocessors: {
      json: at("/api/v1/subprocessors"),
      csv: at("/api/v1/subprocessors?format=csv"),
      atom: at("/subprocessors.atom"),
      snapshots: at("/api/v1/subprocessors/snapshots"),
      snapshot_payload_type: SNAPSHOT_PAYLOAD_TYPE,
    },
    transparency_reports: {
      json: at("/api/v1/transparency-reports"),
      latest: report ? at(`/api/v1/transparency-reports/${report.id}`) : null,
      payload_type: REPORT_PAYLOAD_TYPE,
    },
  };
}

/** The README.txt at the top of an evidence package: what it is, who took it, how to check it. */
import type { ManifestHead } from "./manifest";
import { PACKAGE_FILES as F } from "./package-files";

const DESCRIPTIONS: readonly [string, string][] = [
  [F.manifest, "every other file with its SHA-256 and size; each population's query, row count and hash"],
  [F.manifestSig, "DSSE signature of manifest.json by the region's attestation key"],
  [F.verify, "checks signatures, hashes, sizes and row counts with sha256sum, openssl and base64"],
  [F.jwks, "the region's public keys (as /.well-known/jwks.json serves them)"],
  [F.attestationKey, "the key that signs the manifest and the attestations (PEM)"],
  [`${F.auditLogKey}, ${F.auditLogVkey}`, "the key that signs the audit log's checkpoints"],
  ["attestations/", "the residency attestations issued for months inside the period, and the signed index"],
  [F.drillsDir, "the signed reports of the residency drills run in the period (DSSE, in-toto statements)"],
  [F.auditEntries, "the tenant's audit entries of the period, one leaf (RFC 8785 JSON) per line"],
  [F.auditProofs, "line i: the inclusion proof of entry line i in the checkpoint's tree"],
  [F.checkpoint, "the signed checkpoint covering the period (C2SP signed note)"],
  [`${F.newestCheckpoint}, ${F.consistency}`, "the newest checkpoint and the proof that it extends the first"],
  [F.keyEvents, "every event of the tenant's keys in the period"],
  [F.receipts, "every disable of a key with its signed revocation receipt"],
  [F.decisionVersions, "every sharing decision version written before the period ended"],
  [F.decisionEvents, "each workflow step on those decisions in the period"],
  [F.sharingPolicy, "the compiled Cedar policy the decisions make (as in force at download)"],
  [F.lineageGraph, "datasets, jobs and edges of the lineage graph (as at download)"],
  [F.lineageVerdicts, "every flow seen in the period with its verdict and the decisions behind it"],
  [F.lineageAlerts, "border-violation and region-unknown alerts open during the period"],
  [F.supportRequests, "requests for access to the tenant's data, with approvals"],
  [F.supportGrants, "grants of access, with approvers and revocations"],
  [F.supportAccesses, "each access by provider staff, within or outside a grant"],
  [F.people, "the people the other files name by id: the tenant's members and the provider's staff"],
  [F.controls, "ISO/IEC 27001:2022, SOC 2 and GDPR controls mapped to these files"],
  [F.samples, "only when a sample was asked for: the seed and the lines drawn"],
];

export function readmeText(head: ManifestHead): string {
  const by = head.downloaded_by;
  return `Terrane evidence package
========================

Tenant:         ${head.tenant.name} (${head.tenant.slug})
Region:         ${head.region}
Period:         ${head.period.from} to ${head.period.to} (UTC; the end is not included)
Built:          ${head.generated_at} (UTC)
Downloaded by:  ${by.name} <${by.email}> (${by.role}), download ${head.download_id}

Every list here is the whole population for the period, not a selection: manifest.json
says for each what was selected (in words and SQL), how many rows it has and its SHA-256,
so you can test completeness and draw your own samples. Audit entries are proven to be in
the region's signed, append-only log.

How to verify
-------------
1. Make sure keys/jwks.json holds the keys the region publishes:
     curl -s https://<this region's Terrane>/.well-known/jwks.json
   (the "kid" and "x" of the key with "terrane_purpose": "attestation" must match).
2. In the unzipped folder:  sh verify.sh
   It checks the manifest's signature, every file's SHA-256 and size, the attestations'
   signatures, the checkpoints' signatures and each population's row count.
3. For the proofs too:  npx terrane verify <this file>.zip --jwks <the region's jwks URL>
   (from a clone of Terrane) also checks every entry's inclusion proof against the signed
   checkpoint, the consistency proof to the newest checkpoint, and re-draws the sample.

A C2SP tlog-proof for entry line i is: the line "c2sp.org/tlog-proof@v1", "index N", the
hashes of line i of ${F.auditProofs} one per line, an empty line, then ${F.checkpoint}.

Files
-----
${DESCRIPTIONS.map(([p, d]) => `${p}\n    ${d}`).join("\n")}

This download is recorded with its SHA-256 in the tenant's evidence activity and audit log.
`;
}

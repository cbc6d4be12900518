/**
 * The signed index of a tenant's attestations: every attestation the region has signed for the
 * tenant, by envelope digest and state, in one in-toto statement per version, each naming the
 * previous version's digest. Whoever holds an older index checks that the newer one still lists
 * everything it listed (nothing deleted) and that each attestation they were given is listed
 * under its own digest (nothing replayed from elsewhere or altered).
 */
export const INDEX_PREDICATE_TYPE = "https://terrane.dev/attestation/index/v1";

// Type aliases, not interfaces: they are JSON values as they stand (statementAbout's predicate).
export type IndexedAttestation = {
  id: string;
  period: string;
  from: string;
  to: string;
  kind: string;
  state: string;
  envelope_sha256: string;
  issued_at: string;
};

export type IndexPredicate = {
  tenant: { id: string; slug: string };
  region: string;
  version: number;
  previous_index_sha256: string | null;
  generated_at: string;
  count: number;
  attestations: IndexedAttestation[];
};

export function indexStatementName(tenantSlug: string, version: number): string {
  return `${tenantSlug}/attestation-index/v${version}`;
}

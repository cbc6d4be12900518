/**
 * An evidence package's manifest: every file with its SHA-256 and size, every population with
 * the question that selected it, signed as a DSSE envelope. Written one file and one population
 * per line, so `verify.sh` reads it with `sed` and no JSON parser (docs/evidence.md).
 */
import { canonicalJson } from "@/modules/audit/domain/canonical-json";

export const EVIDENCE_MANIFEST_TYPE = "https://terrane.dev/evidence/manifest/v1";
export const EVIDENCE_MANIFEST_PAYLOAD_TYPE = "application/vnd.terrane.evidence-manifest+json";

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface Population {
  name: string;
  path: string;
  /** In words and SQL: what was selected, so an auditor can judge completeness. */
  query: string;
  rows: number;
  sha256: string;
}

export interface ManifestHead {
  tenant: { id: string; slug: string; name: string };
  region: string;
  period: { from: string; to: string };
  generated_at: string;
  download_id: string;
  downloaded_by: { name: string; email: string; role: string };
  audit_log: { origin: string; checkpoint_size: number; newest_size: number };
}

export interface Manifest extends ManifestHead {
  files: ManifestFile[];
  populations: Population[];
  sample: { seed: string; size: number } | null;
}

/** The manifest's bytes: canonical JSON throughout, with a line break before each file and population. */
export function manifestBytes(m: Manifest): Buffer {
  const head = canonicalJson({ _type: EVIDENCE_MANIFEST_TYPE, ...m, files: [], populations: [], sample: m.sample });
  // canonicalJson sorts keys: "files" and "populations" sit between the head's fields, so the
  // lists are spliced in where their empty arrays are.
  const list = (items: object[]) => `[\n${items.map((i) => canonicalJson(i)).join(",\n")}\n]`;
  const text = head
    .replace(`"files":[]`, `"files":${list(m.files)}`)
    .replace(`"populations":[]`, `"populations":${list(m.populations)}`);
  return Buffer.from(`${text}\n`, "utf8");
}

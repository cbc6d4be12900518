import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { AttestationSummary } from "@/modules/attestations/client";

const FAILED_CHECK_WORDS = {
  signature: "the region's signature does not verify",
  digest: "the envelope is not the one recorded at issue",
  subject: "the subject is not the digest of its facts",
  in_index: "the signed index does not list it",
} as const;

/** What `terrane verify` would say of one attestation, as the server checked it for this view. */
export function OnlineCheckCell({ check }: { check: AttestationSummary["verification"] }) {
  if (!check) return <span className="text-slate-600 dark:text-slate-400">Not checked</span>;
  const failed = (Object.keys(FAILED_CHECK_WORDS) as (keyof typeof FAILED_CHECK_WORDS)[]).filter((k) => !check[k]);
  return (
    <div className="space-y-1">
      <Badge tone={check.ok ? "success" : "danger"}>{check.ok ? "Verified" : "Check failed"}</Badge>
      <div className="text-xs text-slate-600 dark:text-slate-400">
        {check.ok ? "Signature, digest, subject and index" : failed.map((k) => FAILED_CHECK_WORDS[k]).join("; ")},{" "}
        <Time iso={check.checked_at} />
      </div>
    </div>
  );
}

import type { ReviewKind } from "@/modules/reviews/domain/kinds";

/** Where an item's source lives in the portal, so a reviewer can read it in full. Pure. */
export function sourceLink(kind: ReviewKind, tenantSlug: string | null): string | null {
  if (kind === "subprocessor_change") return "/region/subprocessors";
  if (kind === "subprocessor_objection") return "/region/subprocessor-objections";
  if (!tenantSlug) return null;
  const t = `/t/${tenantSlug}`;
  switch (kind) {
    case "sharing_decision":
      return `${t}/decisions`;
    case "border_violation":
    case "region_unknown":
      return `${t}/lineage`;
    case "outside_grant_access":
    case "break_glass":
      return `${t}/support`;
    case "attestation":
      return `${t}/attestations`;
    case "scope_request":
      return `${t}/auditors`;
  }
}

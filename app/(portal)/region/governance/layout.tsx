import type { ReactNode } from "react";
import { regionGate } from "@/platform/http/page";

/**
 * Compliance officers and provider admins only: refused here, above the loading boundary, so
 * support engineers (who pass the region layout) get a real 403. The page authorizes again.
 */
export default async function RegionGovernanceLayout({ children }: { children: ReactNode }) {
  await regionGate("region.governance.read");
  return children;
}

import type { ReactNode } from "react";
import { regionGate } from "@/platform/http/page";

/**
 * Provider admins and compliance officers only: refused here, above the loading boundary, so
 * support engineers (who pass the region layout) get a real 403. The page authorizes again.
 */
export default async function RegionSubprocessorsLayout({ children }: { children: ReactNode }) {
  await regionGate("region.subprocessors.read");
  return children;
}

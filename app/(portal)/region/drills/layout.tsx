import type { ReactNode } from "react";
import { regionGate } from "@/platform/http/page";

/** Compliance officers only: refused here, above the loading boundary, with a real 403. The page authorizes again. */
export default async function RegionDrillsLayout({ children }: { children: ReactNode }) {
  await regionGate("region.drills.read");
  return children;
}

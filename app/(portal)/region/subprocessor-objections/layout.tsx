import type { ReactNode } from "react";
import { regionGate } from "@/platform/http/page";

/**
 * Compliance officers (who resolve) and provider admins (who read why customers object before
 * withdrawing a change): refused here, above the loading boundary, so support engineers get a
 * real 403. The page authorizes again.
 */
export default async function SubprocessorObjectionsLayout({ children }: { children: ReactNode }) {
  await regionGate("region.subprocessors.read");
  return children;
}

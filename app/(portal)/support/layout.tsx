import type { ReactNode } from "react";
import { regionGate } from "@/platform/http/page";

/** Support engineers only (region.support.request): refused here, above the loading boundary, with a real 403. */
export default async function MySupportLayout({ children }: { children: ReactNode }) {
  await regionGate("region.support.request");
  return children;
}

import type { ReactNode } from "react";
import { regionGate } from "@/platform/http/page";

/** The register's gate (region.lawful_access.read), above its loading boundary: compliance officers only. */
export default async function RegionLawfulAccessLayout({ children }: { children: ReactNode }) {
  await regionGate("region.lawful_access.read");
  return children;
}

import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { pageActor } from "@/platform/http/page";
import { regionNavigation } from "@/platform/policy/navigation";
import { currentRegion } from "@/platform/region/registry";

/**
 * Region pages are for provider staff. Refusing here, above the loading boundary, makes the
 * refusal a real 403; each page still authorizes its own data.
 */
export default async function RegionLayout({ children }: { children: ReactNode }) {
  const actor = await pageActor();
  if (regionNavigation(actor, currentRegion().id).length === 0) forbidden();
  return children;
}

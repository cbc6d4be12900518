import type { Metadata } from "next";
import { MapView } from "@/modules/tenants/ui/map/map-view";
import { requestPath } from "@/platform/http/page";
import { readMap } from "./read";

export const metadata: Metadata = { title: "Region map" };

/** Where the tenant's data lives and flows, on a world map and as tables. */
export default async function MapPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return <MapView map={await readMap(tenant, await requestPath())} />;
}

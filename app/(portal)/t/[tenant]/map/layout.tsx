import type { ReactNode } from "react";
import { requestPath } from "@/platform/http/page";
import { readMap } from "./read";

/** The map section's own gate (map.read), above its loading boundary: provider admins get a real 403. */
export default async function MapLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant } = await params;
  await readMap(tenant, await requestPath());
  return children;
}

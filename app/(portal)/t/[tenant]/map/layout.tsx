import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/** The map section's gate (map.read), above its loading boundary: provider admins get a real 403. */
export default async function MapLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "map.read");
  return children;
}

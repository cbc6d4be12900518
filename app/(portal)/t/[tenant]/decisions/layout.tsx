import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The decisions section's gate (decisions.read), above its loading boundary, so roles that
 * open the tenant but may not read its decisions (auditors, provider admins) get a real 403.
 */
export default async function DecisionsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "decisions.read");
  return children;
}

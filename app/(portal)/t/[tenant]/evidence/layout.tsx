import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/** The Evidence section's gate (evidence.download), above its loading boundary. */
export default async function EvidenceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "evidence.download");
  return children;
}

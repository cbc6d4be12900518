import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/** The Attestations section's gate (attestations.read), above its loading boundary. */
export default async function AttestationsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "attestations.read");
  return children;
}

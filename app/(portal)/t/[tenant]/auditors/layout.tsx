import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/** The Auditors section's gate (auditors.read): customer admins and compliance officers. */
export default async function AuditorsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "auditors.read");
  return children;
}

import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The Subprocessors section's gate (subprocessors.read), above its loading boundary: the tenant's
 * people and auditors, compliance officers and provider admins; support engineers get a real 403.
 */
export default async function SubprocessorsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "subprocessors.read");
  return children;
}

import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The Lawful access tab's gate (lawful_access.read): the tenant's admins and compliance officers.
 * The Governance section's layout opens for anyone with one of its tabs; this one is narrower.
 */
export default async function LawfulAccessLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "lawful_access.read");
  return children;
}

import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The Support access section's gate (support.requests.read), above its loading boundary: the
 * tenant's people, compliance officers and support engineers (who see only their own requests);
 * auditors and provider admins get a real 403.
 */
export default async function SupportLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "support.requests.read");
  return children;
}

import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/** An auditor's own page (nda.accept): open before the NDA is accepted. */
export default async function EngagementLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "nda.accept");
  return children;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function TenantAuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's audit log" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function AuditorsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's auditors" error={error} reset={reset} />;
}

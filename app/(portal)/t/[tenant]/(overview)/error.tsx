"use client";

import { SectionError } from "@/components/ui/section-error";

export default function TenantError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's overview" error={error} reset={reset} />;
}

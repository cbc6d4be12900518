"use client";

import { SectionError } from "@/components/ui/section-error";

export default function TenantKeysError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's keys" error={error} reset={reset} />;
}

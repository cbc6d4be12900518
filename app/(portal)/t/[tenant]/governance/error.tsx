"use client";

import { SectionError } from "@/components/ui/section-error";

export default function GovernanceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's governance metrics" error={error} reset={reset} />;
}

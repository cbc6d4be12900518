"use client";

import { SectionError } from "@/components/ui/section-error";

export default function EvidenceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's evidence packages" error={error} reset={reset} />;
}

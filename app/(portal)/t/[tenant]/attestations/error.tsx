"use client";

import { SectionError } from "@/components/ui/section-error";

export default function AttestationsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's attestations" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function LineageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's lineage" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function DrillsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's drills" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function DecisionsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's sharing decisions" error={error} reset={reset} />;
}

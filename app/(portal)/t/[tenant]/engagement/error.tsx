"use client";

import { SectionError } from "@/components/ui/section-error";

export default function EngagementError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="your engagement" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function RegionIntegrityError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SectionError what="the log's integrity" error={error} reset={reset} />;
}

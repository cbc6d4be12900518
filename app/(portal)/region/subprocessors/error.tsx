"use client";

import { SectionError } from "@/components/ui/section-error";

export default function RegionSubprocessorsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SectionError what="the subprocessor register" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function RegionGovernanceError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SectionError what="the region's governance metrics" error={error} reset={reset} />;
}

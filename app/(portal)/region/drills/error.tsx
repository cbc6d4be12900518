"use client";

import { SectionError } from "@/components/ui/section-error";

export default function RegionDrillsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="the region's drills" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function RegionTenantsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SectionError what="the region's tenants" error={error} reset={reset} />;
}

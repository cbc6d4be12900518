"use client";

import { SectionError } from "@/components/ui/section-error";

export default function RegionLawfulAccessError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SectionError what="the lawful-access register" error={error} reset={reset} />;
}

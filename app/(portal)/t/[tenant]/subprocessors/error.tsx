"use client";

import { SectionError } from "@/components/ui/section-error";

export default function SubprocessorsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SectionError what="this tenant's subprocessors" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function SubprocessorObjectionsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SectionError what="the objection queue" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function TokensError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="your API tokens" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function MySupportError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="your support access" error={error} reset={reset} />;
}

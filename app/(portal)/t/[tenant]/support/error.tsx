"use client";

import { SectionError } from "@/components/ui/section-error";

export default function SupportError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's support access" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function MapError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this tenant's region map" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="this page" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function ReviewsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="the review queue" error={error} reset={reset} />;
}

"use client";

import { SectionError } from "@/components/ui/section-error";

export default function TenantWebhooksError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <SectionError what="this tenant's webhooks" error={error} reset={reset} />;
}

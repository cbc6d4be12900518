import type { ReactNode } from "react";
import { regionGate } from "@/platform/http/page";

/** Compliance officers only: refused here, above the loading boundary, so others get a real 403. */
export default async function ReviewsLayout({ children }: { children: ReactNode }) {
  await regionGate("region.reviews.read");
  return children;
}

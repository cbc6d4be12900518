import { SectionSkeleton } from "@/components/ui/section-skeleton";

export default function Loading() {
  return <SectionSkeleton what="the audit log" width="max-w-7xl" blocks={["mt-6 h-20", "mt-6 h-96"]} />;
}

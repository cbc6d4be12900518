"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { ChartSpec } from "@/modules/governance/ui/governance-charts";

// recharts is large: it is fetched when the first chart scrolls into view, never with the page.
const GovernanceChart = dynamic(() => import("@/modules/governance/ui/governance-charts"), {
  ssr: false,
  loading: () => <div className="h-56 animate-pulse rounded bg-slate-100 dark:bg-slate-900" />,
});

/** A chart's place on the page: the same height before and after it loads, so nothing jumps. */
export function ChartSlot({ spec }: { spec: ChartSpec }) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || shown) return;
    if (typeof IntersectionObserver === "undefined") {
      setShown(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setShown(true);
          observer.disconnect();
        }
      },
      { rootMargin: "200px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [shown]);
  return (
    <div ref={ref} className="min-h-56">
      {shown ? <GovernanceChart spec={spec} /> : <div className="h-56" aria-hidden="true" />}
    </div>
  );
}

import { MapPin } from "lucide-react";
import type { Region } from "@/platform/region/registry";

/** Always visible: which regional instance this is. */
export function RegionBadge({ region }: { region: Pick<Region, "id" | "name" | "jurisdiction"> }) {
  return (
    <div
      className="flex items-center gap-2 rounded-md border border-brand-500/40 bg-brand-50 px-2.5 py-1 text-sm text-brand-700 dark:bg-brand-700/20 dark:text-brand-100"
      data-testid="region-badge"
      title={`This instance serves ${region.name} under ${region.jurisdiction}`}
    >
      <MapPin aria-hidden className="size-4" />
      <span className="font-semibold">{region.id}</span>
      <span className="hidden text-brand-700/80 sm:inline dark:text-brand-100/80">{region.name}</span>
    </div>
  );
}

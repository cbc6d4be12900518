import { ACCESS_LABELS, type AccessLevel } from "@/modules/support/domain/model";

export interface ScopeForWords {
  access: AccessLevel;
  stores: { name: string; region: string }[];
  dataClasses: string[];
  durationMinutes: number;
}

export function durationWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h > 0 ? `${h} hour${h === 1 ? "" : "s"}` : "", m > 0 ? `${m} minute${m === 1 ? "" : "s"}` : ""];
  return parts.filter(Boolean).join(" ") || "0 minutes";
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** What a grant would allow, in the words an approver reads before approving. */
export function describeScope(scope: ScopeForWords): string {
  const what =
    scope.dataClasses.length > 0 ? `data classed ${list(scope.dataClasses)}` : "any data class of the stores named";
  const where =
    scope.stores.length > 0
      ? ` in ${list(scope.stores.map((s) => `${s.name} (${s.region})`))}`
      : " in any of the tenant's stores";
  return `${ACCESS_LABELS[scope.access]} access to ${what}${where}, for ${durationWords(scope.durationMinutes)}.`;
}

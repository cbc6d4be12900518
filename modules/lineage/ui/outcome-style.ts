import type { EdgeOutcome } from "@/modules/lineage/client";

/**
 * How an evaluation looks on an edge: colour, dash pattern and words together, so the graph
 * reads without colour (dashes differ, and every aggregated edge is labelled in words).
 */
export const OUTCOME_STYLE: Record<
  EdgeOutcome,
  { label: string; stroke: string; dash?: string; width: number; text: string }
> = {
  in_region: { label: "Stays in region", stroke: "#94a3b8", width: 1.2, text: "text-slate-600 dark:text-slate-400" },
  allowed: {
    label: "Allowed by a decision",
    stroke: "#059669",
    width: 2,
    text: "text-emerald-800 dark:text-emerald-300",
  },
  allowed_with_condition: {
    label: "Allowed with a condition",
    stroke: "#d97706",
    dash: "6 3",
    width: 2,
    text: "text-amber-800 dark:text-amber-300",
  },
  unknown_region: {
    label: "Region unknown",
    stroke: "#7c3aed",
    dash: "2 3",
    width: 2,
    text: "text-violet-800 dark:text-violet-300",
  },
  violation: {
    label: "Violation: no decision allows it",
    stroke: "#dc2626",
    dash: "10 4",
    width: 3,
    text: "text-red-700 dark:text-red-300",
  },
};

export const OUTCOME_ORDER: EdgeOutcome[] = [
  "violation",
  "unknown_region",
  "allowed_with_condition",
  "allowed",
  "in_region",
];

/** An outcome in a word or two, as edge labels say it ("Violation", "Allowed by a decision"). */
export const outcomeWord = (o: EdgeOutcome): string => OUTCOME_STYLE[o].label.split(":")[0]!;

"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { ClassVerdict, Explanation } from "@/modules/lineage/domain/explain";

const VERDICT: Record<ClassVerdict, { word: string; text: string }> = {
  allowed: { word: "allowed", text: "text-emerald-800 dark:text-emerald-300" },
  allowed_with_condition: { word: "allowed with a condition", text: "text-amber-800 dark:text-amber-300" },
  violation: { word: "not allowed", text: "text-red-700 dark:text-red-300" },
};

/**
 * "Explain": the decision path that judged a flow, in words (modules/lineage/domain/explain.ts):
 * where it goes and what it carries, then per data class the question put to Cedar and the
 * policy that answered it (or none: the default deny), then why the flow got its outcome.
 */
export function FlowExplain({ explanation, evaluatedAt }: { explanation: Explanation; evaluatedAt: string | null }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="space-y-2">
      <Button size="xs" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {open ? "Hide the explanation" : "Explain"}
      </Button>
      {open && (
        <div
          id={id}
          className="space-y-2 rounded-md bg-slate-50 p-2 text-sm dark:bg-slate-900"
          data-testid="flow-explanation"
        >
          <ol className="list-decimal space-y-1 pl-5">
            {explanation.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          {explanation.classes.length > 0 && (
            <ul className="space-y-2" aria-label="Per data class">
              {explanation.classes.map((c) => (
                <li key={c.dataClass} className="border-l-2 border-slate-300 pl-2 dark:border-slate-700">
                  <p>
                    <strong>{c.name}</strong>:{" "}
                    <span className={`font-medium ${VERDICT[c.verdict].text}`}>{VERDICT[c.verdict].word}</span>
                  </p>
                  <p>{c.text}</p>
                  <p className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">
                    Cedar: {c.question} → {c.policy ? `decided by ${c.policy}` : "no policy applies: deny"}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p className="font-medium">{explanation.conclusion}</p>
          {evaluatedAt && (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Judged <Time iso={evaluatedAt} />, against the decisions in force then; a decision that comes into force
              later judges the flow again.
            </p>
          )}
        </div>
      )}
    </div>
  );
}

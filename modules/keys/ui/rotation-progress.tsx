import { CheckCircle2, Circle, Loader2, PauseCircle } from "lucide-react";
import { ROTATION_STAGES, rotationPercent, stageLabel } from "@/modules/keys/ui/key-format";
import type { RotationSummary } from "@/modules/keys/client";
import { formatCount, formatPercent } from "@/platform/format";

/**
 * The latest rotation: a progress bar with the stage in words and the done/total counts, and
 * the stages as a checklist. The key list polls while it runs, so this re-renders as it moves.
 */
export function RotationProgress({ rotation }: { rotation: RotationSummary }) {
  const percent = rotationPercent(rotation);
  const done = rotation.completed_at !== null;
  // The background work records why it cannot go on (e.g. "Paused: the key is disabled.").
  const paused = rotation.error !== null && !done;
  const current = ROTATION_STAGES.findIndex((s) => s.id === rotation.stage);
  const counts =
    rotation.stage === "reencrypt" || done
      ? `${formatCount(rotation.done_fields)} of ${formatCount(rotation.total_fields)} protected fields re-encrypted`
      : `${formatCount(rotation.rewrapped)} data keys rewrapped`;
  const words = done ? "Rotation completed" : paused ? "Rotation paused" : stageLabel(rotation.stage);
  return (
    <section
      aria-label="Rotation progress"
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      data-testid="rotation"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">
          Rotation to version {rotation.to_version}
          <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">
            {rotation.trigger === "scheduled" ? "automatic" : "manual"}, from version {rotation.from_version}
          </span>
        </h3>
        <p className="text-sm" aria-live="polite" data-testid="rotation-status">
          {words}: {counts}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label={`Rotation to version ${rotation.to_version}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${formatPercent(percent / 100, 0)} — ${words}`}
        className="mt-3 h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={`h-full rounded-full transition-[width] ${paused ? "bg-amber-500" : done ? "bg-green-600" : "bg-brand-500"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Data keys rewrapped</dt>
          <dd data-testid="rotation-rewrapped">{formatCount(rotation.rewrapped)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Fields done</dt>
          <dd data-testid="rotation-done">{formatCount(rotation.done_fields)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Fields in total</dt>
          <dd data-testid="rotation-total">{formatCount(rotation.total_fields)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Progress</dt>
          <dd>{formatPercent(percent / 100, 0)}</dd>
        </div>
      </dl>
      <ol className="mt-3 space-y-1 text-sm">
        {ROTATION_STAGES.map((stage, i) => {
          const state = done || i < current ? "done" : i === current ? (paused ? "paused" : "running") : "waiting";
          const Icon =
            state === "done" ? CheckCircle2 : state === "paused" ? PauseCircle : state === "running" ? Loader2 : Circle;
          return (
            <li key={stage.id} className={`flex items-center gap-2 ${state === "waiting" ? "text-slate-500" : ""}`}>
              <Icon
                aria-hidden
                className={`size-4 ${state === "running" ? "animate-spin text-brand-600" : state === "done" ? "text-green-700 dark:text-green-400" : state === "paused" ? "text-amber-700 dark:text-amber-400" : ""}`}
              />
              <span>{stage.label}</span>
              <span className="sr-only">({state})</span>
            </li>
          );
        })}
      </ol>
      {paused && (
        <p className="mt-3 text-sm text-amber-900 dark:text-amber-200">
          {rotation.error} The rotation continues by itself once the key can be used again; nothing is lost meanwhile.
        </p>
      )}
    </section>
  );
}

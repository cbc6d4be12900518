"use client";

import { useEffect, useState } from "react";
import { Time } from "@/components/ui/time";
import { durationWords } from "@/modules/support/domain/scope-text";
import { clockWords } from "@/modules/support/ui/words";
import { formatDateTime } from "@/platform/format";

type Phase = "waiting" | "running" | "last-minutes" | "over";

function phaseAt(now: number, start: number, end: number): Phase {
  if (now < start) return "waiting";
  if (now >= end) return "over";
  return end - now <= 10 * 60_000 ? "last-minutes" : "running";
}

const PHASE_WORDS: Record<Phase, string> = {
  waiting: "Access has not started yet.",
  running: "",
  "last-minutes": "Less than 10 minutes of access left.",
  over: "The access time is over.",
};

/**
 * Time left on a grant, ticking every second for the eye. Screen readers are not told every
 * second: the ticking text is a timer (aria-live off), and a separate live region speaks only
 * when the phase changes (started, last ten minutes, over).
 */
export function Countdown({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, []);
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  // The live region's words change only with the phase, so it speaks only then.
  const phase = now === null ? null : phaseAt(now, start, end);

  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      {now === null ? (
        <span>
          until <Time iso={endsAt} />
        </span>
      ) : phase === "waiting" ? (
        <span role="timer" aria-live="off" title={`Starts ${formatDateTime(startsAt)}`}>
          starts in {clockWords(start - now)}
        </span>
      ) : phase === "over" ? (
        <span>over</span>
      ) : (
        <span
          role="timer"
          aria-live="off"
          aria-label={`${durationWords(Math.max(1, Math.ceil((end - now) / 60_000)))} left`}
          className={phase === "last-minutes" ? "font-semibold text-amber-800 dark:text-amber-300" : "font-medium"}
        >
          {clockWords(end - now)} left
        </span>
      )}
      <span aria-live="polite" className="sr-only">
        {phase ? PHASE_WORDS[phase] : ""}
      </span>
    </span>
  );
}

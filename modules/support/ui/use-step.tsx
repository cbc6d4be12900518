"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useState, useTransition, type ReactNode } from "react";
import { ApiProblem } from "@/platform/http/client-fetch";

const Announce = createContext<(message: string) => void>(() => undefined);

/**
 * The section's one live region: each step that succeeds says what changed, once (the page's
 * countdowns never speak here, so screen readers hear state changes, not seconds).
 */
export function SupportAnnouncer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  return (
    <Announce.Provider value={setMessage}>
      {children}
      <p role="status" aria-live="polite" className="sr-only" data-testid="support-announcer">
        {message}
      </p>
    </Announce.Provider>
  );
}

export function useAnnounce() {
  return useContext(Announce);
}

/**
 * One step on a request (approve, revoke, …): busy while the API answers and while the page's
 * server data is read again (router.refresh), the API's problem kept for the form, and what
 * changed announced. `run` resolves true when the step was taken.
 */
export function useStep() {
  const router = useRouter();
  const announce = useAnnounce();
  const [sending, setSending] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const run = useCallback(
    async <T,>(call: () => Promise<T>, said: (answer: T) => string): Promise<T | null> => {
      setSending(true);
      setProblem(null);
      try {
        const answer = await call();
        announce(said(answer));
        startRefresh(() => router.refresh());
        return answer;
      } catch (err) {
        setProblem(
          err instanceof ApiProblem
            ? err
            : new ApiProblem(0, "network", "The server could not be reached. Check your connection and try again."),
        );
        return null;
      } finally {
        setSending(false);
      }
    },
    [announce, router],
  );

  return { run, pending: sending || refreshing, problem, reset: () => setProblem(null) };
}

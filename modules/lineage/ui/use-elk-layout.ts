"use client";

import { useEffect, useRef, useState } from "react";
import type { LayoutRequest, LayoutResponse } from "@/modules/lineage/ui/elk-protocol";

type Positions = Extract<LayoutResponse, { ok: true }>["positions"];
type Routes = Extract<LayoutResponse, { ok: true }>["edges"];

/**
 * Positions for a graph from the ELK worker. Only the latest request's answer is used, so
 * toggling groups quickly never shows a stale layout; the worker lives as long as the view.
 */
export function useElkLayout(input: Omit<LayoutRequest, "id"> | null): {
  positions: Positions | null;
  /** Each edge's route (ELK's orthogonal path and its label's place), by drawn edge id. */
  edges: Routes | null;
  pending: boolean;
  error: string | null;
} {
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const [state, setState] = useState<{
    positions: Positions | null;
    edges: Routes | null;
    pending: boolean;
    error: string | null;
  }>({ positions: null, edges: null, pending: true, error: null });

  useEffect(() => {
    const w = new Worker(new URL("./elk.worker.ts", import.meta.url));
    worker.current = w;
    w.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const answer = event.data;
      if (answer.id !== latest.current) return;
      setState(
        answer.ok
          ? { positions: answer.positions, edges: answer.edges, pending: false, error: null }
          : { positions: null, edges: null, pending: false, error: answer.error },
      );
    };
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    if (!input || !worker.current) return;
    latest.current += 1;
    setState((s) => ({ ...s, pending: true }));
    worker.current.postMessage({ id: latest.current, ...input } satisfies LayoutRequest);
  }, [input]);

  return state;
}

/// <reference lib="webworker" />
import ELK from "elkjs/lib/elk.bundled.js";
import { layoutGraph } from "@/modules/lineage/ui/elk-layout";
import type { LayoutRequest, LayoutResponse } from "@/modules/lineage/ui/elk-protocol";

/** The layout worker: ELK off the main thread (modules/lineage/ui/elk-layout.ts says how the graph is laid out). */
const elk = new ELK();

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const request = event.data;
  try {
    self.postMessage({ id: request.id, ok: true, ...(await layoutGraph(elk, request)) } satisfies LayoutResponse);
  } catch (err) {
    self.postMessage({
      id: request.id,
      ok: false,
      error: err instanceof Error ? err.message : String(err),
    } satisfies LayoutResponse);
  }
};

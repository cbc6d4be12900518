/// <reference lib="webworker" />
import ELK, { type ElkExtendedEdge, type ElkNode } from "elkjs/lib/elk.bundled.js";
import type { LayoutRequest, LayoutResponse } from "@/modules/lineage/ui/elk-protocol";

/**
 * Lays the graph out off the main thread: ELK's layered algorithm, left to right (data flows
 * from sources to sinks, long chains wrapped into rows), with region groups as compound nodes laid out together with their
 * children so edges between regions are routed across groups.
 */

const elk = new ELK();
const OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.layered.spacing.nodeNodeBetweenLayers": "60",
  "elk.spacing.nodeNode": "24",
  "elk.padding": "[top=44,left=16,bottom=16,right=16]",
  // A pipeline is a long chain: unwrapped, ten steps are ten box-widths wide and fitting them
  // makes every label unreadable. Wrapping cuts the chain into rows (about half the width).
  "elk.layered.wrapping.strategy": "SINGLE_EDGE",
  "elk.aspectRatio": "1.3",
};

function tree(request: LayoutRequest): ElkNode {
  const byId = new Map<string, ElkNode>();
  const root: ElkNode = { id: "__root", layoutOptions: OPTIONS, children: [], edges: [] };
  for (const n of request.nodes)
    byId.set(n.id, { id: n.id, width: n.width, height: n.height, children: [], layoutOptions: OPTIONS });
  for (const n of request.nodes) {
    const node = byId.get(n.id)!;
    const parent = n.parent ? byId.get(n.parent) : undefined;
    (parent ?? root).children!.push(node);
  }
  // A group with children sizes itself around them; without, it keeps its given size.
  for (const node of byId.values()) {
    if (node.children!.length === 0) continue;
    delete node.width;
    delete node.height;
  }
  root.edges = request.edges.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  return root;
}

function collect(node: ElkNode, out: Record<string, { x: number; y: number; width: number; height: number }>): void {
  for (const child of node.children ?? []) {
    out[child.id] = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 };
    collect(child, out);
  }
}

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const request = event.data;
  try {
    const laid = await elk.layout(tree(request));
    const positions: Record<string, { x: number; y: number; width: number; height: number }> = {};
    collect(laid, positions);
    self.postMessage({ id: request.id, ok: true, positions } satisfies LayoutResponse);
  } catch (err) {
    self.postMessage({
      id: request.id,
      ok: false,
      error: err instanceof Error ? err.message : String(err),
    } satisfies LayoutResponse);
  }
};

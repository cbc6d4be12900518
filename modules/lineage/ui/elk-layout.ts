import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { EdgeRoute, LayoutRequest, LayoutResponse } from "@/modules/lineage/ui/elk-protocol";

/**
 * How the layout worker (elk.worker.ts) lays the graph out: ELK's layered algorithm, left to right (data flows
 * from sources to sinks, long chains wrapped into rows), with region groups as compound nodes laid out together with their
 * children so edges between regions are routed across groups. Edges are routed orthogonally
 * around the boxes and their labels get room of their own (ELK places them as part of the
 * layout), so the graph draws ELK's routes as they are: no edge through a box, no label over one.
 */

const OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.edgeRouting": "ORTHOGONAL",
  // Edge routes and label positions in the root's coordinates: what React Flow draws edges in.
  "elk.json.edgeCoords": "ROOT",
  "elk.layered.spacing.nodeNodeBetweenLayers": "64",
  "elk.layered.spacing.edgeNodeBetweenLayers": "24",
  "elk.spacing.nodeNode": "28",
  "elk.spacing.edgeNode": "16",
  "elk.spacing.edgeEdge": "12",
  "elk.spacing.edgeLabel": "6",
  "elk.edgeLabels.placement": "CENTER",
  "elk.padding": "[top=56,left=20,bottom=20,right=20]",
  // A pipeline is a long chain: unwrapped, ten steps are ten box-widths wide and fitting them
  // makes every label unreadable. Wrapping cuts the chain into rows (about half the width).
  "elk.layered.wrapping.strategy": "SINGLE_EDGE",
  "elk.aspectRatio": "1.4",
};

/**
 * Wrapping across region groups sometimes throws inside ELK (an index error in its wrapping
 * step, on some graphs: tests/lineage/layout.test.ts lays out such graphs); the same graph unwrapped
 * lays out, wider. So the layout tries wrapped first and falls back to unwrapped, rather than failing.
 */
const UNWRAPPED = { ...OPTIONS, "elk.layered.wrapping.strategy": "OFF" };

function tree(request: Omit<LayoutRequest, "id">, options: Record<string, string>): ElkNode {
  const byId = new Map<string, ElkNode>();
  const root: ElkNode = { id: "__root", layoutOptions: options, children: [], edges: [] };
  for (const n of request.nodes)
    byId.set(n.id, { id: n.id, width: n.width, height: n.height, children: [], layoutOptions: options });
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
  root.edges = request.edges.map((e): ElkExtendedEdge => ({
    id: e.id,
    sources: [e.source],
    targets: [e.target],
    ...(e.label ? { labels: [{ id: `${e.id}#label`, text: " ", width: e.label.width, height: e.label.height }] } : {}),
  }));
  return root;
}

type Positions = Extract<LayoutResponse, { ok: true }>["positions"];

function collect(node: ElkNode, out: Positions): void {
  for (const child of node.children ?? []) {
    out[child.id] = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 };
    collect(child, out);
  }
}

/** Every edge's route, wherever ELK keeps it (it may move an edge into the group that contains both ends). */
function routes(node: ElkNode, out: Record<string, EdgeRoute>): void {
  for (const e of node.edges ?? []) {
    const s = e.sections?.[0];
    if (!s) continue;
    const l = e.labels?.[0];
    out[e.id] = {
      points: [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x, y: p.y })),
      label:
        l && l.x !== undefined && l.y !== undefined
          ? { x: l.x, y: l.y, width: l.width ?? 0, height: l.height ?? 0 }
          : null,
    };
  }
  for (const child of node.children ?? []) routes(child, out);
}

type Laid = Omit<Extract<LayoutResponse, { ok: true }>, "id" | "ok">;

/** Lays `request` out with `elk` (the worker's; tests and the bench pass their own). */
export async function layoutGraph(elk: ElkApi, request: Omit<LayoutRequest, "id">): Promise<Laid> {
  const laid = await elk.layout(tree(request, OPTIONS)).catch(() => elk.layout(tree(request, UNWRAPPED)));
  const positions: Positions = {};
  collect(laid, positions);
  const edges: Record<string, EdgeRoute> = {};
  routes(laid, edges);
  return { positions, edges };
}

/** Messages between the graph and its layout worker (plain data, structured-clone safe). */

export interface LayoutRequest {
  id: number;
  nodes: { id: string; parent: string | null; width: number; height: number }[];
  /** `label`: the size of the edge's label, measured in the page, for ELK to place it clear of every box. */
  edges: { id: string; source: string; target: string; label?: { width: number; height: number } }[];
}

export interface Point {
  x: number;
  y: number;
}

export type Box = Point & { width: number; height: number };

/** An edge as ELK routed it, in the graph's coordinates (the root's, as React Flow draws edges). */
export interface EdgeRoute {
  /** Start, bend points and end: orthogonal segments that go around every box. */
  points: Point[];
  /** Where its label goes (top-left corner and size), when it has one. */
  label: Box | null;
}

export type LayoutResponse =
  | {
      id: number;
      ok: true;
      /** Each box's position relative to its parent (as React Flow places children), and its size. */
      positions: Record<string, Box>;
      edges: Record<string, EdgeRoute>;
    }
  | { id: number; ok: false; error: string };

/** Messages between the graph and its layout worker (plain data, structured-clone safe). */

export interface LayoutRequest {
  id: number;
  nodes: { id: string; parent: string | null; width: number; height: number }[];
  edges: { id: string; source: string; target: string }[];
}

export type LayoutResponse =
  | { id: number; ok: true; positions: Record<string, { x: number; y: number; width: number; height: number }> }
  | { id: number; ok: false; error: string };

import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { getTenantLineage } from "@/modules/lineage/server/graph";
import { MAX_DEPTH } from "@/modules/lineage/domain/graph";
import { tenantParams } from "@/platform/http/params";
import { queryInt } from "@/platform/schema/query";

export const dynamic = "force-dynamic";

const query = z
  .object({
    /** A dataset or job id: answer with its neighbourhood (and its nodes' facets) only. */
    focus: z.uuid("focus must be the id of a dataset or job").optional(),
    /** Hops from the focus over input and output edges (1..10). */
    depth: queryInt(1, MAX_DEPTH).optional(),
    /** full (the default): every node and edge; summary: regions, cross-border pairs, totals and findings only, with `nodes: []` and `edges: []`. */
    view: z.enum(["full", "summary"], "view must be full or summary").optional(),
  })
  .strict()
  .refine((q) => q.depth === undefined || q.focus !== undefined, { message: "depth needs a focus", path: ["depth"] })
  .refine((q) => q.view !== "summary" || q.focus === undefined, {
    message: "a summary has no nodes to focus on: drop focus, or ask for view=full",
    path: ["view"],
  });

/** The tenant's lineage graph (lineage.read). */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  query,
  handler: ({ actor, params: p, query: q, path }) => getTenantLineage(actor, p.tenant, q, { surface: "api", path }),
});

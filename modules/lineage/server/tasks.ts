import "server-only";
import type { QueuedWork } from "@/platform/jobs/workers";
import { prisma } from "@/platform/db/db";
import { reevaluateTenantEdges } from "@/modules/lineage/server/evaluate";

/**
 * Decisions come into force (and lapse) on their effective dates, not only when accepted: every
 * tenant's edges are judged again periodically, so a flow becomes allowed on the day its decision
 * starts and a violation again the day it ends.
 */
export function lineageJobs(): QueuedWork {
  return {
    workers: [
      {
        queue: "lineage.reevaluate",
        handler: async () => {
          const db = await prisma();
          const tenants = await db.tenant.findMany({ select: { id: true } });
          for (const t of tenants) await reevaluateTenantEdges(t.id);
        },
      },
    ],
    cron: [{ queue: "lineage.reevaluate", cron: "*/10 * * * *" }],
  };
}

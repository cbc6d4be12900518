import "server-only";
import { prisma } from "@/platform/db/db";
import type { QueuedWork } from "@/platform/jobs/workers";
import { runDrillJob } from "@/modules/drills/server/run";
import { startDueDrills } from "@/modules/drills/server/schedules";

/** Drills run on the job queue (one at a time per tenant); schedules are swept once a minute. */
export function drillJobs(): QueuedWork {
  return {
    workers: [
      {
        queue: "drill.run",
        handler: async (payload) => {
          const id = (payload as { drill_id?: unknown } | null)?.drill_id;
          if (typeof id === "string") await runDrillJob(id);
        },
      },
      { queue: "drills.sweep", handler: async () => void (await startDueDrills(await prisma())) },
    ],
    cron: [{ queue: "drills.sweep", cron: "* * * * *" }],
  };
}

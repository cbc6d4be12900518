import { apiRoute } from "@/platform/http/api-route";
import { prisma } from "@/platform/db/db";
import { snapshotsQuery } from "@/modules/subprocessors/api-schemas/public";
import { listSnapshots } from "@/modules/subprocessors/server/snapshot-reads";

export const dynamic = "force-dynamic";

/** Public: the register's signed snapshots, newest first; `?at=` the one in force at an instant. */
export const GET = apiRoute({
  auth: "none",
  query: snapshotsQuery,
  handler: async ({ query }) => listSnapshots(await prisma(), query),
});

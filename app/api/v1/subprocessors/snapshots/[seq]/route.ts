import { apiRoute } from "@/platform/http/api-route";
import { prisma } from "@/platform/db/db";
import { snapshotParams } from "@/modules/subprocessors/api-schemas/public";
import { snapshotEnvelope } from "@/modules/subprocessors/server/snapshot-reads";

export const dynamic = "force-dynamic";

/** Public: one signed snapshot of the register, as its DSSE envelope. */
export const GET = apiRoute({
  auth: "none",
  params: snapshotParams,
  handler: async ({ params }) => snapshotEnvelope(await prisma(), params.seq),
});

import { apiRoute } from "@/platform/http/api-route";
import { prisma } from "@/platform/db/db";
import { listReports } from "@/modules/lawful-access/server/reports";

export const dynamic = "force-dynamic";

/** Public: the region's signed transparency reports, every period and version. */
export const GET = apiRoute({
  auth: "none",
  handler: async () => listReports(await prisma()),
});

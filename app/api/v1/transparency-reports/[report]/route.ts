import { apiRoute } from "@/platform/http/api-route";
import { prisma } from "@/platform/db/db";
import { reportParams } from "@/modules/lawful-access/api-schemas/reports";
import { readReport } from "@/modules/lawful-access/server/reports";

export const dynamic = "force-dynamic";

/** Public: one signed transparency report, by id or by period (its current version). */
export const GET = apiRoute({
  auth: "none",
  params: reportParams,
  handler: async ({ params }) => readReport(await prisma(), params.report),
});

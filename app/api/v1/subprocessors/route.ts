import { apiRoute } from "@/platform/http/api-route";
import { prisma } from "@/platform/db/db";
import { textResponse } from "@/platform/schema/query";
import { publicRegisterQuery } from "@/modules/subprocessors/api-schemas/public";
import { publishedRegister } from "@/modules/subprocessors/server/public-register";
import { registerCsv } from "@/modules/subprocessors/server/public-csv";

export const dynamic = "force-dynamic";

/** Public: the region's subprocessors and announced changes; `?format=csv` for a spreadsheet. */
export const GET = apiRoute({
  auth: "none",
  query: publicRegisterQuery,
  handler: async ({ query }) => {
    const { view, json } = await publishedRegister(await prisma());
    if (query.format === "json") return textResponse(json, "application/json", { "x-terrane-region": view.region });
    const csv = registerCsv(view);
    return textResponse(csv.body, "text/csv; charset=utf-8", {
      "content-disposition": `attachment; filename="${csv.filename}"`,
    });
  },
});

import { apiRoute } from "@/platform/http/api-route";
import { issueBody } from "@/modules/lawful-access/api-schemas/reports";
import { issueReport } from "@/modules/lawful-access/server/reports";

export const dynamic = "force-dynamic";

/** Issues (or re-issues, as a new version) the signed transparency report of a period that has ended. */
export const POST = apiRoute({
  auth: "required",
  body: issueBody,
  handler: async ({ actor, body }) =>
    Response.json(await issueReport(actor, body), { status: 201, headers: { "cache-control": "no-store" } }),
});

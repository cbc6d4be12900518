import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { setNdaBody } from "@/modules/evidence/api-schemas";
import { readNda, setNda } from "@/modules/evidence/server/nda";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path }) => readNda(actor, params.tenant, { surface: "api", path }),
});

export const PUT = apiRoute({
  auth: "required",
  params: tenantParams,
  body: setNdaBody,
  handler: ({ actor, params, body, path }) => setNda(actor, params.tenant, body, { surface: "api", path }),
});

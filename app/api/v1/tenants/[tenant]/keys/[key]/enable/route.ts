import { apiRoute } from "@/platform/http/api-route";
import { keyParams } from "@/modules/keys/api-schemas";
import { enableKey } from "@/modules/keys/server/lifecycle";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  handler: ({ actor, params, path }) => enableKey(actor, params.tenant, params.key, { surface: "api", path }),
});

import { apiRoute } from "@/lib/http/api-route";
import { keyParams } from "@/lib/http/params";
import { enableKey } from "@/lib/data/key-lifecycle";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  handler: ({ actor, params, path }) => enableKey(actor, params.tenant, params.key, { surface: "api", path }),
});

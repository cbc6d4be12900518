import { apiRoute } from "@/platform/http/api-route";
import { keyParams } from "@/modules/keys/api-schemas";
import { keyReceipts } from "@/modules/keys/server/timeline";

export const dynamic = "force-dynamic";

/** Signed revocation receipts: when the key was disabled, when each instance's probe failed. */
export const GET = apiRoute({
  auth: "required",
  params: keyParams,
  handler: ({ actor, params, path }) => keyReceipts(actor, params.tenant, params.key, { surface: "api", path }),
});

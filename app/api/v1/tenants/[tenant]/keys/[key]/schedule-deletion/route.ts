import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { keyParams } from "@/platform/http/params";
import { safeText } from "@/platform/schema/safe-text";
import { scheduleKeyDeletion } from "@/modules/keys/server/lifecycle";

export const dynamic = "force-dynamic";

const body = z.object({ confirm: safeText().max(100), days: z.number().int().min(7).max(30).default(30) }).strict();

/** Crypto-shred after 7–30 days (default 30), cancellable until then. */
export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  body,
  handler: ({ actor, params, body, path }) =>
    scheduleKeyDeletion(actor, params.tenant, params.key, body, { surface: "api", path }),
});

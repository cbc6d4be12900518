import { z } from "zod";
import { apiRoute } from "@/lib/http/api-route";
import { keyParams } from "@/lib/http/params";
import { safeText } from "@/lib/http/safe-text";
import { scheduleKeyDeletion } from "@/lib/data/key-lifecycle";

export const dynamic = "force-dynamic";

const body = z.object({ confirm: safeText().max(100), days: z.number().int().min(7).max(30).default(30) }).strict();

/** Crypto-shred after 7–30 days (default 30), cancellable until then. */
export const POST = apiRoute({
  auth: "required",
  params: keyParams,
  body,
  handler: ({ actor, params, body, path }) => scheduleKeyDeletion(actor, params.tenant, params.key, body, { surface: "api", path }),
});

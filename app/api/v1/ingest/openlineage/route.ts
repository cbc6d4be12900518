import { z } from "zod";
import { apiRoute } from "@/platform/http/api-route";
import { parseJsonBody } from "@/platform/http/body";
import { authenticateIngest } from "@/modules/identity/server/ingest-tokens";
import { ingestOpenLineage } from "@/modules/lineage/server/ingest";

export const dynamic = "force-dynamic";

/** 500 events of a few KiB each, with room for large schema facets. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * OpenLineage RunEvents, DatasetEvents and JobEvents (spec 2-0-x) from the data plane: one, or
 * an array of up to 500. The region ingest token is checked before the body is read (a token
 * bound to a tenant is taken here: its events are that tenant's); the events are validated
 * precisely in modules/lineage/domain (NUL and unpaired surrogates included, with the event's
 * index), so the body is taken as any JSON of bounded depth here.
 */
export const POST = apiRoute({
  auth: "none",
  handler: async ({ request }) => {
    const credential = await authenticateIngest(request, { bound: "allow" });
    return ingestOpenLineage(
      credential,
      await parseJsonBody(request, z.unknown(), MAX_BODY_BYTES, { checkText: false }),
    );
  },
});

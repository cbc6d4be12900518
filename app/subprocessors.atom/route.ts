import { apiRoute } from "@/platform/http/api-route";
import { prisma } from "@/platform/db/db";
import { textResponse } from "@/platform/schema/query";
import { subprocessorsAtom } from "@/modules/subprocessors/server/atom-feed";

export const dynamic = "force-dynamic";

/** Public: an Atom feed of the register's changes: announced, in effect, withdrawn. */
export const GET = apiRoute({
  auth: "none",
  handler: async () => textResponse(await subprocessorsAtom(await prisma()), "application/atom+xml; charset=utf-8"),
});

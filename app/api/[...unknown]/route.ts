import { apiRoute } from "@/lib/http/api-route";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Any path under /api that no route serves: a problem+json 404, like every other API error. */
const notFound = apiRoute({
  auth: "none",
  handler: async ({ path }) => {
    throw new NotFoundError(`There is no API at ${path.split("?")[0]}. See docs/api.md for the endpoints.`, "no_such_endpoint");
  },
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };

import { NotFoundError } from "@/platform/errors";
import { problemFor } from "@/platform/http/problem";

export const dynamic = "force-dynamic";

/**
 * Any path under /api that no route serves: a problem+json 404, like every other API error.
 * Not through apiRoute: whatever the query or body, the answer is the same 404.
 */
async function notFound(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  return problemFor(
    new NotFoundError(
      `There is no API at ${path.slice(0, 200)}. See docs/api.md for the endpoints.`,
      "no_such_endpoint",
    ),
  );
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };

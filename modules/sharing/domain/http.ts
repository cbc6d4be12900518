import { currentRegion } from "@/platform/region/registry";

/** 201 with the created resource, with the headers apiRoute gives every JSON answer. */
export function createdResponse(body: unknown): Response {
  return Response.json(body, {
    status: 201,
    headers: { "cache-control": "no-store", "x-terrane-region": currentRegion().id },
  });
}

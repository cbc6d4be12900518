/**
 * The platform's own API contract: health and the region registry. Pure: shared by the route
 * handlers and the OpenAPI generator.
 */
import { z } from "zod";
import { defineOperations } from "@/platform/http/openapi-spec";
import { tierSchema } from "@/platform/region/tier-schema";

export const healthView = z
  .object({
    status: z.literal("ok"),
    region: z.string(),
    version: z.string(),
    database: z.enum(["embedded", "postgres"]),
  })
  .strict();

export const regionList = z
  .object({
    /** The region this instance serves. */
    current: z.string(),
    regions: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          jurisdiction: z.string(),
          city: z.string(),
          country: z.string().length(2),
          latitude: z.number(),
          longitude: z.number(),
          url: z.string(),
          tiers: z.array(tierSchema),
          /** Whether the region runs a Terrane instance. */
          instance: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();

export const platformOperations = defineOperations("platform", {
  "GET /api/health": {
    summary: "Liveness and the database this instance runs on.",
    auth: "none",
    responses: { 200: healthView },
  },
  "GET /api/v1/regions": {
    summary: "The provider's regions and which one this instance serves.",
    auth: "none",
    responses: { 200: regionList },
  },
  "GET /api/v1/openapi.json": {
    summary: "This document: the OpenAPI 3.1 description of every route.",
    auth: "none",
    cacheable: true,
    responses: { 200: { contentType: "application/json", description: "An OpenAPI 3.1 document." } },
  },
});

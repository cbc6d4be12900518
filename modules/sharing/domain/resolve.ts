import { BadRequestError } from "@/platform/errors";
import { findRegion } from "@/platform/region/registry";
import { REGION_ID, type Destination } from "@/modules/sharing/domain/destination";
import type { DestinationInput } from "@/modules/sharing/domain/input";

function checkLocation(location: string | undefined, field: string): string | null {
  if (!location) return null;
  if (REGION_ID.test(location) && !findRegion(location)) {
    throw new BadRequestError(
      `${field}: ${location} is not a region of the registry; name a region id from GET /api/v1/regions or an ISO country code.`,
      "unknown_region",
    );
  }
  return location;
}

/**
 * A destination from a request, checked against the region registry. A decision about the
 * tenant's home region would govern nothing (data there crosses no border), so it is refused.
 */
export function resolveDestination(input: DestinationInput, homeRegion: string): Destination {
  if (input.kind === "region") {
    if (!findRegion(input.id))
      throw new BadRequestError(`destination.id: ${input.id} is not a region of the registry.`, "unknown_region");
    if (input.id === homeRegion) {
      throw new BadRequestError(
        `destination.id: ${input.id} is the tenant's home region; data there crosses no border and needs no decision.`,
        "home_region_destination",
      );
    }
    return { kind: "region", id: input.id, location: input.id };
  }
  const name = input.id.trim().replace(/\s+/g, " ");
  return { kind: input.kind, id: name, location: checkLocation(input.location, "destination.location") };
}

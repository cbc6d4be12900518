import "server-only";
import { ServiceUnavailableError } from "@/platform/errors";
import { regionDatabase } from "@/platform/db/db";
import { currentRegion } from "@/platform/region/registry";
import { TERRANE_VERSION } from "@/platform/version";

export interface Health {
  status: "ok";
  region: string;
  version: string;
  database: "embedded" | "postgres";
}

/** Healthy means this instance knows its region and its database answers. */
export async function regionHealth(): Promise<Health> {
  const region = currentRegion();
  try {
    const database = await regionDatabase();
    await database.prisma.$queryRaw`SELECT 1`;
    return { status: "ok", region: region.id, version: TERRANE_VERSION, database: database.kind };
  } catch {
    throw new ServiceUnavailableError("The region database does not answer.");
  }
}

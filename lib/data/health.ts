import "server-only";
import { ServiceUnavailableError } from "@/lib/errors";
import { regionDatabase } from "@/lib/data/db";
import { currentRegion } from "@/lib/region/registry";
import { TERRANE_VERSION } from "@/lib/version";

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

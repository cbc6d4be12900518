import { afterEach, beforeAll } from "vitest";
import { POST as ingestRoute } from "@/app/api/v1/ingest/openlineage/route";
import type { DatabaseKind } from "@/platform/db/db";
import { setFlowEvaluatorForTests } from "@/modules/lineage/server/decisions";
import { seedIngestToken } from "@/prisma/seed/seed-keys";
import { stableId } from "@/prisma/seed/world";
import { bearer, call, request } from "../helpers/http";
import { useSeededRegion, type SeededRegion } from "../helpers/seeded-region";

export const LINEAGE_TABLES = [
  "lineage_events",
  "lineage_datasets",
  "lineage_jobs",
  "lineage_runs",
  "lineage_edges",
  "lineage_alerts",
  "audit_entries",
] as const;
export type Counts = Record<(typeof LINEAGE_TABLES)[number], number>;

export interface LineageWorld {
  region: SeededRegion;
  ingestToken(): string;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  counts(): Promise<Counts>;
  tenantId(slug: string): string;
}

/** The seeded eu-central-1 world with a region ingest token (and, if asked, the demo's sharing decisions). */
export function useLineageWorld(kind: DatabaseKind, options: { decisions?: boolean } = {}): LineageWorld {
  const region = useSeededRegion(kind, "eu-central-1", options);
  let token = "";
  beforeAll(async () => {
    token = await seedIngestToken(region.prisma, "eu-central-1");
  });
  afterEach(() => setFlowEvaluatorForTests(null));
  return {
    region,
    ingestToken: () => token,
    post(body, headers) {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      return call(
        ingestRoute,
        request("/api/v1/ingest/openlineage", {
          method: "POST",
          headers: { "content-type": "application/json", ...bearer(token), ...headers },
          body: text,
        }),
      );
    },
    async counts() {
      const entries = await Promise.all(LINEAGE_TABLES.map(async (t) => [t, await region.count(t)] as const));
      return Object.fromEntries(entries) as Counts;
    },
    tenantId: (slug) => stableId("tenant", slug),
  };
}

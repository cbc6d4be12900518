/** The bench's tenant, its tokens, and the OpenLineage events it ingests: a graph of 5,000 nodes. */
import { randomUUID } from "node:crypto";
import { generateTokenSecret } from "@/modules/identity/domain/token-secret";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";

export const DATASETS = 4_000;
export const JOBS = 1_000;
/** Each job reads 4 datasets and writes the next 4: 8 job edges and 16 flows per job. */
const FAN = 4;

export interface BenchWorld {
  tenantId: string;
  slug: string;
  ingestToken: string;
  ingestTokenId: string;
  apiToken: string;
}

/** One tenant homed here, a viewer with a tenant-scoped API token, and a region ingest token. */
export async function createWorld(db: PrismaClient, region: string): Promise<BenchWorld> {
  const slug = "bench-lineage";
  const tenantId = randomUUID();
  const organisationId = randomUUID();
  await db.directoryOrganisation.create({ data: { id: organisationId, slug: "bench-org", name: "Bench Org" } });
  await db.directoryTenant.create({ data: { id: tenantId, slug, organisationId, homeRegion: region } });
  await db.tenant.create({ data: { id: tenantId, slug, name: "Bench Lineage", tier: "managed" } });
  const user = await db.user.create({ data: { email: "viewer@bench.example", name: "Bench Viewer" } });
  await db.membership.create({ data: { userId: user.id, tenantId, role: "customer_viewer" } });
  const api = generateTokenSecret("trn_");
  await db.apiToken.create({
    data: {
      userId: user.id,
      tenantId,
      name: "bench",
      prefix: api.prefix,
      tokenHash: api.hash,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  const ingest = generateTokenSecret("tin_");
  const token = await db.ingestToken.create({
    data: { region, name: "bench", prefix: ingest.prefix, tokenHash: ingest.hash },
  });
  return { tenantId, slug, ingestToken: ingest.secret, ingestTokenId: token.id, apiToken: api.secret };
}

const PRODUCER = "https://github.com/terrane/bench/tree/v1";
const FACETS = "http://localhost:3000/api/v1/openlineage/facets";
const CLASSES = [
  "customer_pii",
  "business_records",
  "usage_telemetry",
  "pseudonymised_analytics",
  "aggregated_metrics",
];

/** Dataset i: mostly in eu-central-1, one in ten in me-central-1 and one in ten in us-east-1 (border crossings). */
function dataset(i: number): Record<string, unknown> {
  const region = i % 10 === 0 ? "us-east-1" : i % 10 === 1 ? "me-central-1" : "eu-central-1";
  const classes = i % 3 === 0 ? [CLASSES[i % 5]!, CLASSES[(i + 1) % 5]!] : [CLASSES[i % 5]!];
  return {
    namespace: `postgres://db-${i % 50}.${region}.internal:5432`,
    name: `warehouse.public.table_${i}`,
    facets: {
      terrane_residency: {
        _producer: PRODUCER,
        _schemaURL: `${FACETS}/terrane_residency/1-0-0.json`,
        region,
        dataClasses: [...new Set(classes)],
      },
    },
  };
}

function run(slug: string, job: number, eventType: string, runId: string, at: Date): Record<string, unknown> {
  const inputs = Array.from({ length: FAN }, (_, k) => dataset((FAN * job + k) % DATASETS));
  const outputs = Array.from({ length: FAN }, (_, k) => dataset((FAN * job + FAN + k) % DATASETS));
  return {
    eventType,
    eventTime: at.toISOString(),
    run: { runId },
    job: {
      namespace: "bench-scheduler",
      name: `job_${job}`,
      facets: {
        terrane_tenant: { _producer: PRODUCER, _schemaURL: `${FACETS}/terrane_tenant/1-0-0.json`, tenant: slug },
      },
    },
    inputs,
    outputs,
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  };
}

/** One COMPLETE event per job: builds the whole graph (4,000 datasets + 1,000 jobs; 8,000 job edges + 16,000 flows). */
export function shapeEvents(slug: string): Record<string, unknown>[] {
  const at = new Date();
  return Array.from({ length: JOBS }, (_, j) => run(slug, j, "COMPLETE", randomUUID(), at));
}

/** Steady state: runs of the same jobs (START then COMPLETE), so counts grow but the graph does not. */
export function steadyEvents(slug: string, count: number, offset: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; out.length < count; i++) {
    const runId = randomUUID();
    const job = (offset + i * 7919) % JOBS;
    const at = new Date(Date.now() - (count - i) * 1000);
    out.push(run(slug, job, "START", runId, at));
    if (out.length < count) out.push(run(slug, job, "COMPLETE", runId, new Date(at.getTime() + 500)));
  }
  return out;
}

/**
 * Tops the raw table up to `target` rows with set-based SQL, 100,000 per statement: the
 * "1M ingested events" the API must not be slowed by (it never reads this table).
 */
export async function topUpRaw(
  db: PrismaClient,
  world: BenchWorld,
  target: number,
): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const have = Number(
    (await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*)::bigint AS n FROM lineage_events`))[0]?.n ?? 0,
  );
  for (let done = have; done < target;) {
    const n = Math.min(100_000, target - done);
    await db.$executeRawUnsafe(
      `INSERT INTO lineage_events (event_key, tenant_id, kind, event_type, event_time, run_id, ingest_token_id, payload)
       SELECT encode(sha256(($4 || ':' || g)::bytea), 'hex'), $1, 'run', CASE WHEN g % 2 = 0 THEN 'START' ELSE 'COMPLETE' END,
              CURRENT_TIMESTAMP - (g || ' seconds')::interval, gen_random_uuid()::text, $2,
              jsonb_build_object('eventType', 'COMPLETE', 'eventTime', CURRENT_TIMESTAMP, 'producer', '${PRODUCER}',
                'schemaURL', 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
                'run', jsonb_build_object('runId', gen_random_uuid()), 'job', jsonb_build_object('namespace', 'bench-scheduler', 'name', 'job_' || (g % ${JOBS})),
                'inputs', jsonb_build_array(jsonb_build_object('namespace', 'postgres://db-' || (g % 50) || '.eu-central-1.internal:5432', 'name', 'warehouse.public.table_' || (g % ${DATASETS}))),
                'outputs', jsonb_build_array(jsonb_build_object('namespace', 'postgres://db-' || ((g + 1) % 50) || '.eu-central-1.internal:5432', 'name', 'warehouse.public.table_' || ((g + 4) % ${DATASETS}))))
         FROM generate_series($3::bigint + 1, $3::bigint + $5::bigint) AS g`,
      world.tenantId,
      world.ingestTokenId,
      done,
      `bulk-${world.tenantId}`,
      n,
    );
    done += n;
  }
  return { rows: Math.max(0, target - have), seconds: (performance.now() - started) / 1000 };
}

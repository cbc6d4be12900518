/**
 * What the audit-log bench appends, and how: entries shaped like the product's own (sign-ins,
 * failed sign-ins, API tokens created and revoked, refused cross-region requests — the same
 * actions, actors, subjects and details), each written by `appendAudit` in its own
 * transaction, while the integrator runs at its production cadence. `bulkFill` writes the same
 * five shapes with one SQL statement per chunk, for building a large log quickly.
 */
import { randomUUID } from "node:crypto";
import type { Actor } from "@/platform/auth/actor";
import { appendAudit, type AuditInput } from "@/modules/audit/server/append";
import { integratePending } from "@/modules/audit/server/integrator";
import { startPeriodicTasks } from "@/platform/jobs/background";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";

const EMPLOYERS = ["Terrane GmbH", "Northwind Logistics EU", "Contoso Audit LLP"];
const COUNTRIES = ["DE", "FR", "IE", "NL"];
const USERS = Array.from({ length: 2000 }, () => randomUUID());
const TENANTS = Array.from({ length: 40 }, () => randomUUID());

function user(i: number, via: "session" | "token"): Actor {
  return {
    type: "user",
    userId: USERS[i % USERS.length]!,
    email: `user${i % USERS.length}@northwind.example`,
    name: `User ${i % USERS.length}`,
    providerRole: null,
    employer: EMPLOYERS[i % EMPLOYERS.length]!,
    officeCountry: COUNTRIES[i % COUNTRIES.length]!,
    via,
    tokenId: via === "token" ? randomUUID() : null,
    tokenTenantId: null,
  };
}

/** The i-th entry: the product's five commonest kinds of entry, in turn. */
export function entryFor(i: number, region: string): AuditInput {
  const tenantId = TENANTS[i % TENANTS.length]!;
  const userId = USERS[i % USERS.length]!;
  switch (i % 5) {
    case 0:
      return {
        actor: { type: "system", name: "sign-in" },
        action: "sign_in.succeeded",
        subject: `user:${userId}`,
        outcome: "success",
        details: { method: "password" },
      };
    case 1:
      return {
        actor: { type: "anonymous" },
        action: "sign_in.failed",
        subject: `email:user${i % USERS.length}@northwind.example`,
        outcome: "failure",
        details: { method: "password", failures: (i % 5) + 1, locked: false },
      };
    case 2:
      return {
        actor: user(i, "session"),
        tenantId,
        action: "api_token.created",
        subject: `api_token:${randomUUID()}`,
        outcome: "success",
        details: {
          owner_id: userId,
          name: `ci deploy ${i}`,
          expires_at: new Date(Date.now() + 90 * 86_400_000).toISOString(),
          scope: "tenant",
        },
      };
    case 3:
      return {
        actor: user(i, "session"),
        tenantId,
        action: "api_token.revoked",
        subject: `api_token:${randomUUID()}`,
        outcome: "success",
        details: { owner_id: userId },
      };
    default:
      return {
        actor: user(i, "token"),
        tenantId,
        action: "residency.cross_region_refused",
        subject: `tenant:${tenantId}`,
        outcome: "denied",
        details: { from_region: region, home_region: "us-east-1", surface: "api" },
      };
  }
}

export interface IntegratorRun {
  ms: number;
  integrated: number;
}

/**
 * The integrator exactly as an instance runs it (`startPeriodicTasks`, every 200 ms, never two
 * runs at once), with each run timed. `drained()` resolves once a run that started after the
 * call found nothing left to integrate.
 */
export function startIntegrator(everyMs = 200) {
  const runs: IntegratorRun[] = [];
  const failures: string[] = [];
  let waiters: { after: number; resolve: () => void }[] = [];
  const stop = startPeriodicTasks([
    {
      name: "audit-integration",
      everyMs,
      run: async () => {
        const started = performance.now();
        try {
          const result = await integratePending();
          runs.push({ ms: performance.now() - started, integrated: result.integrated });
          if (result.integrated === 0) {
            const done = waiters.filter((w) => w.after <= started);
            waiters = waiters.filter((w) => w.after > started);
            for (const w of done) w.resolve();
          }
        } catch (err) {
          failures.push(err instanceof Error ? err.message : String(err));
        }
      },
    },
  ]);
  return {
    runs,
    failures,
    stop,
    drained: () => new Promise<void>((resolve) => waiters.push({ after: performance.now(), resolve })),
  };
}

export interface AppendRun {
  writers: number;
  /** From the first append's start to the last one's end. */
  seconds: number;
  appends: number;
  failed: number;
  errors: Record<string, number>;
  /** CPU of this process (the writers, Prisma, the integrator; with the embedded database, the database too). */
  cpuMs: number;
}

/** `writers` loops, each appending one entry per transaction until `seconds` have passed. */
export async function appendFor(
  db: PrismaClient,
  writers: number,
  seconds: number,
  region: string,
  counter: { next: number },
  perTx = 1,
): Promise<AppendRun> {
  const errors: Record<string, number> = {};
  let appends = 0;
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const inputs = Array.from({ length: perTx }, () => entryFor(counter.next++, region));
      try {
        await db.$transaction(async (tx) => {
          for (const input of inputs) await appendAudit(tx, input);
        });
        appends += perTx;
      } catch (err) {
        failed++;
        const message = (err instanceof Error ? err.message : String(err)).split("\n").find((l) => l.trim()) ?? "error";
        errors[message.slice(0, 200)] = (errors[message.slice(0, 200)] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, loop));
  const cpu = process.cpuUsage(cpu0);
  return {
    writers,
    seconds: (performance.now() - started) / 1000,
    appends,
    failed,
    errors,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

export async function maxSeq(db: PrismaClient): Promise<bigint> {
  const [row] = await db.$queryRaw<{ seq: bigint | null }[]>`SELECT max("seq") AS seq FROM "audit_entries"`;
  return row?.seq ?? 0n;
}

export interface LatencyFigures {
  entries: number;
  integrated: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
  mean: number;
}

/** integrated_at − at of the entries with seq in (after, upTo], in milliseconds, as stored. */
export async function integrationLatency(db: PrismaClient, after: bigint, upTo: bigint): Promise<LatencyFigures> {
  const [row] = await db.$queryRaw<Record<keyof LatencyFigures, number | bigint | null>[]>`
    SELECT count(*) AS entries, count(ms) AS integrated,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
           percentile_disc(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
           max(ms) AS max, min(ms) AS min, avg(ms) AS mean
      FROM (SELECT (EXTRACT(EPOCH FROM ("integrated_at" - "at")) * 1000)::float8 AS ms
              FROM "audit_entries" WHERE "seq" > ${after} AND "seq" <= ${upTo}) AS x`;
  const n = (v: number | bigint | null | undefined) => (v === null || v === undefined ? Number.NaN : Number(v));
  return {
    entries: n(row?.entries),
    integrated: n(row?.integrated),
    p50: n(row?.p50),
    p95: n(row?.p95),
    p99: n(row?.p99),
    max: n(row?.max),
    min: n(row?.min),
    mean: n(row?.mean),
  };
}

/**
 * Appends entries g = from..to (inclusive) with one INSERT … SELECT FROM generate_series: the
 * same five kinds as `entryFor`, with realistic ids, times (1 ms apart, ending now), salts
 * (32 hex digits, as appendAudit's 16 random bytes) and details.
 */
export async function bulkFill(
  db: PrismaClient,
  from: number,
  to: number,
  total: number,
  region: string,
): Promise<void> {
  await db.$executeRawUnsafe(
    `
    INSERT INTO "audit_entries"
      ("id", "at", "region", "actor_type", "actor_id", "actor_employer", "actor_country", "tenant_id",
       "action", "subject", "outcome", "details", "salt")
    SELECT gen_random_uuid()::text,
           localtimestamp - ($3::bigint - g) * interval '1 millisecond',
           $4,
           (ARRAY['system','anonymous','user','user','api_token'])[k + 1],
           CASE k WHEN 0 THEN 'sign-in' WHEN 1 THEN NULL ELSE uid END,
           CASE WHEN k >= 2 THEN (ARRAY['Terrane GmbH','Northwind Logistics EU','Contoso Audit LLP'])[g % 3 + 1] END,
           CASE WHEN k >= 2 THEN (ARRAY['DE','FR','IE','NL'])[g % 4 + 1] END,
           CASE WHEN k >= 2 THEN tid END,
           (ARRAY['sign_in.succeeded','sign_in.failed','api_token.created','api_token.revoked','residency.cross_region_refused'])[k + 1],
           CASE k WHEN 0 THEN 'user:' || uid
                  WHEN 1 THEN 'email:user' || (g % 2000) || '@northwind.example'
                  WHEN 4 THEN 'tenant:' || tid
                  ELSE 'api_token:' || md5('token' || g)::uuid::text END,
           (ARRAY['success','failure','success','success','denied'])[k + 1],
           CASE k WHEN 0 THEN jsonb_build_object('method', 'password')
                  WHEN 1 THEN jsonb_build_object('method', 'password', 'failures', g % 5 + 1, 'locked', false)
                  WHEN 2 THEN jsonb_build_object('owner_id', uid, 'name', 'ci deploy ' || g, 'scope', 'tenant',
                                'expires_at', to_char(localtimestamp + interval '90 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                  WHEN 3 THEN jsonb_build_object('owner_id', uid)
                  ELSE jsonb_build_object('from_region', $4::text, 'home_region', 'us-east-1', 'surface', 'api',
                                          'token_id', md5('token' || g)::uuid::text) END,
           md5(random()::text || clock_timestamp()::text || g)
      FROM (SELECT g, (g % 5)::int AS k,
                   md5('user' || (g % 2000))::uuid::text AS uid,
                   md5('tenant' || (g % 40))::uuid::text AS tid
              FROM generate_series($1::bigint, $2::bigint) AS g) AS s
     ORDER BY g`,
    from,
    to,
    total,
    region,
  );
}

import "server-only";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { alertChanges, applyAlertChanges } from "@/modules/lineage/server/alerts";
import { evaluateFlows } from "@/modules/lineage/server/decisions";
import { writeEdges } from "@/modules/lineage/server/edges-write";
import { checkDataClasses, checkRegions, resolveTenants } from "@/modules/lineage/server/ingest-checks";
import { readSnapshot } from "@/modules/lineage/server/snapshot";
import {
  StaleSnapshotError,
  insertRawEvents,
  upsertJobs,
  writeDatasets,
  writeRuns,
} from "@/modules/lineage/server/write";
import { ServiceUnavailableError } from "@/platform/errors";
import { planBatch } from "@/modules/lineage/domain/batch";
import type { FlowQuestion } from "@/modules/lineage/domain/evaluation";
import type { CompiledRule } from "@/modules/lineage/domain/namespace-rules";
import { observe } from "@/modules/lineage/domain/observations";
import { parseOpenLineageBody, type LineageEventIn } from "@/modules/lineage/domain/parse-batch";
import { namespaceRules } from "@/modules/lineage/server/rules-config";
import { logger } from "@/platform/log/logger";

export interface LineageIngestResult {
  /** Events in the request. */
  received: number;
  /** Events new to this region (the others were sent before: idempotent). */
  stored: number;
  duplicates: number;
  datasets_created: number;
  edges_created: number;
  alerts_raised: number;
}

type TenantEvent = LineageEventIn & { tenantId: string };
const ATTEMPTS = 4;

function rulesOrRefuse(): CompiledRule[] {
  try {
    return namespaceRules();
  } catch (err) {
    logger().error({ err }, "lineage namespace rules are invalid");
    throw new ServiceUnavailableError(
      "This region's lineage namespace rules are misconfigured; nothing was stored.",
      "lineage_rules_invalid",
    );
  }
}

const retryable = (err: unknown) =>
  err instanceof StaleSnapshotError ||
  /40P01|40001|deadlock detected|could not serialize/.test(
    `${(err as Error)?.message ?? ""} ${JSON.stringify((err as { meta?: unknown })?.meta ?? "")}`,
  );

/**
 * OpenLineage events from the region's data plane: validated (all or nothing), each attributed
 * to its tenant (terrane_tenant facet, the ingest token's bound tenant, or a job-namespace rule;
 * none: refused), stored raw once each, and rolled up into the registers in the same
 * transaction, every border-crossing flow evaluated against the sharing decisions in force,
 * alerts raised and one audit entry per tenant of the batch. The registers are locked and re-read inside the transaction; if
 * another batch changed them after the decisions were asked, the batch starts again.
 */
export async function ingestOpenLineage(
  credential: { tokenId: string; tenant: string | null },
  body: unknown,
): Promise<LineageIngestResult> {
  const { tokenId } = credential;
  // The rules place datasets and may name the tenant of a job namespace, so they come first.
  const rules = rulesOrRefuse();
  const parsed = parseOpenLineageBody(body, { boundTenant: credential.tenant, rules });
  const db = await prisma();
  checkRegions(parsed);
  const tenantIds = await resolveTenants(db, parsed);
  await checkDataClasses(db, parsed, tenantIds);
  const unique = new Map<string, TenantEvent>();
  for (const e of parsed) if (!unique.has(e.key)) unique.set(e.key, { ...e, tenantId: tenantIds.get(e.tenant)! });
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptIngest(db, tokenId, parsed.length, [...unique.values()], rules);
    } catch (err) {
      if (!retryable(err)) throw err;
      if (attempt >= ATTEMPTS)
        throw new ServiceUnavailableError("The lineage registers are busy; send the batch again.", "lineage_busy");
    }
  }
}

async function attemptIngest(
  db: PrismaClient,
  tokenId: string,
  received: number,
  events: TenantEvent[],
  rules: readonly CompiledRule[],
): Promise<LineageIngestResult> {
  const known = await db.$queryRawUnsafe<{ event_key: string }[]>(
    `SELECT event_key FROM lineage_events WHERE event_key IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    JSON.stringify(events.map((e) => e.key)),
  );
  const seen = new Set(known.map((k) => k.event_key));
  const fresh = events.filter((e) => !seen.has(e.key));
  const obs = observe(fresh);
  // First pass, unlocked: which flows will need the decisions' answer.
  const draft = planBatch(obs, await readSnapshot(db, obs, false), rules);
  const evaluatedAt = new Date();
  const answers = await evaluateFlows(questionsOf(draft.flows, draft.edges), evaluatedAt);
  const actor = { type: "system" as const, name: `ingest-token:${tokenId}` };

  return db.$transaction(
    async (tx) => {
      const inserted = await insertRawEvents(tx, fresh, tokenId);
      if (inserted.size !== fresh.length) throw new StaleSnapshotError("an event was stored by another batch");
      const plan = planBatch(obs, await readSnapshot(tx, obs, true), rules);
      const datasetIds = await writeDatasets(tx, plan, obs);
      const jobIds = await upsertJobs(tx, obs, plan.newRunsByJob);
      await writeRuns(tx, plan, datasetIds, jobIds);
      const { flows, created } = await writeEdges(tx, plan, datasetIds, jobIds, answers, evaluatedAt);
      const observed = [...plan.datasets.values()]
        .filter((c) => c.observed)
        .map((c) => {
          const o = obs.datasets.get(c.key)!;
          return { change: c, id: datasetIds.get(c.key)!, tenantId: o.tenantId, label: `${o.namespace} ${o.name}` };
        });
      const alerts = await applyAlertChanges(tx, alertChanges(flows, observed), actor);
      const datasetsCreated = observed.filter((d) => d.change.id === null).length;
      for (const tenantId of [...new Set(events.map((e) => e.tenantId))].sort()) {
        const mine = events.filter((e) => e.tenantId === tenantId);
        await appendAudit(tx, {
          actor,
          tenantId,
          action: "ingest.openlineage",
          subject: `ingest_token:${tokenId}`,
          outcome: "success",
          details: {
            events: mine.length,
            stored: mine.filter((e) => inserted.has(e.key)).length,
            attributed_by: {
              facet: mine.filter((e) => e.tenantFrom.by === "facet").length,
              token: mine.filter((e) => e.tenantFrom.by === "token").length,
              rule: mine.filter((e) => e.tenantFrom.by === "rule").length,
            },
            datasets: new Set(observed.filter((d) => d.tenantId === tenantId).map((d) => d.id)).size,
            flows: flows.filter((f) => f.tenantId === tenantId).length,
          },
        });
      }
      return {
        received,
        stored: inserted.size,
        duplicates: received - inserted.size,
        datasets_created: datasetsCreated,
        edges_created: created,
        alerts_raised: alerts.raised,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** The distinct questions a plan's flows put to the decisions. */
export function questionsOf(
  flows: ReadonlyMap<string, { question: FlowQuestion | null }>,
  edges: ReadonlyMap<string, { tenantId: string }>,
): { tenantId: string; question: FlowQuestion }[] {
  const out: { tenantId: string; question: FlowQuestion }[] = [];
  for (const [key, c] of flows) {
    const e = edges.get(key);
    if (c.question && e) out.push({ tenantId: e.tenantId, question: c.question });
  }
  return out;
}

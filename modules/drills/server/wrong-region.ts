import "server-only";
import { randomUUID } from "node:crypto";
import { signEnvelope } from "@/modules/attestations/domain/dsse";
import { attestationSigner } from "@/modules/attestations/server/sign";
import { env } from "@/platform/env";
import { peerRegions, type Region } from "@/platform/region/registry";
import { DrillCheckFailed, type DrillContext } from "@/modules/drills/server/context";
import {
  PROBE_PAYLOAD_TYPE,
  probeRecordSchema,
  type ProbePayload,
  type ProbeRecord,
} from "@/modules/drills/domain/probe";

const TIMEOUT_MS = 10_000;

export type PeerFetch = (url: string, init: RequestInit) => Promise<Response>;
const g = globalThis as typeof globalThis & { __terraneDrillFetch?: PeerFetch };

interface PeerOutcome {
  region: string;
  status: number | null;
  refused: boolean;
  /** The refusal as the peer recorded it, read back from the peer afterwards. */
  record: ProbeRecord | null;
  ms: number;
  error?: string;
}

async function askPeer(ctx: DrillContext, peer: Region): Promise<PeerOutcome> {
  const doFetch: PeerFetch = g.__terraneDrillFetch ?? ((url, init) => fetch(url, init));
  const payload: ProbePayload = {
    type: "terrane.residency-probe/v1",
    probe_id: randomUUID(),
    drill_id: ctx.drill.id,
    tenant: ctx.tenant.slug,
    from_region: env().REGION,
    to_region: peer.id,
    issued_at: new Date().toISOString(),
  };
  const envelope = await signEnvelope(
    PROBE_PAYLOAD_TYPE,
    Buffer.from(JSON.stringify(payload)),
    await attestationSigner(),
  );
  const started = performance.now();
  const base = { region: peer.id, status: null, refused: false, record: null };
  let response: Response;
  try {
    response = await doFetch(`${peer.url}/api/v1/residency-probes`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/json", accept: "application/problem+json, application/json" },
      body: JSON.stringify({ envelope }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    return {
      ...base,
      ms: performance.now() - started,
      error: `unreachable: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const ms = Math.round((performance.now() - started) * 10) / 10;
  const answered = probeRecordSchema.safeParse(await response.json().catch(() => null));
  if (response.status !== 201 || !answered.success)
    return { ...base, status: response.status, ms, error: `answered ${response.status}, not a recorded refusal` };
  // Read the refusal back as the peer recorded it (its database, not its word in the answer).
  try {
    const back = await doFetch(`${peer.url}/api/v1/residency-probes/${payload.probe_id}`, {
      method: "GET",
      redirect: "manual",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const parsed = probeRecordSchema.safeParse(await back.json().catch(() => null));
    if (!back.ok || !parsed.success)
      return {
        ...base,
        status: answered.data.status,
        refused: answered.data.refused,
        ms,
        error: `read-back answered ${back.status}`,
      };
    return { region: peer.id, status: parsed.data.status, refused: parsed.data.refused, record: parsed.data, ms };
  } catch (err) {
    return {
      ...base,
      status: answered.data.status,
      refused: answered.data.refused,
      ms,
      error: `read-back failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/**
 * Ask every other region's instance for the tenant; each must refuse (421) and record it, and
 * the record is read back from the peer. A region that answers anything else fails the drill.
 */
export async function wrongRegionDrill(
  ctx: DrillContext,
): Promise<{ passed: boolean; figures: Record<string, unknown> }> {
  const peers = peerRegions();
  if (peers.length === 0) throw new DrillCheckFailed("This region has no peer regions to ask.");
  const outcomes: PeerOutcome[] = [];
  for (const peer of peers) {
    outcomes.push(
      await ctx
        .step(
          `asked_${peer.id}`,
          async () => {
            const o = await askPeer(ctx, peer);
            if (!o.refused || !o.record?.refused)
              throw new DrillCheckFailed(`${peer.id}: ${o.error ?? "not recorded"}`);
            return o;
          },
          (o) => `421 in ${o.ms} ms, recorded as ${o.record?.attempt_id}`,
        )
        .catch((err: unknown) => ({
          region: peer.id,
          status: null,
          refused: false,
          record: null,
          ms: 0,
          error: err instanceof Error ? err.message : String(err),
        })),
    );
  }
  return {
    passed: outcomes.every((o) => o.refused && o.status === 421 && o.record?.audit_entry_id),
    figures: {
      regions: outcomes.map((o) => ({
        region: o.region,
        status: o.status,
        refused: o.refused,
        recorded: o.record !== null,
        attempt_id: o.record?.attempt_id ?? null,
        audit_entry_id: o.record?.audit_entry_id ?? null,
        recorded_at: o.record?.recorded_at ?? null,
        ms: o.ms,
        ...(o.error ? { error: o.error } : {}),
      })),
    },
  };
}

/** For tests: how the drill reaches other regions (default: fetch). */
export function setDrillPeerFetch(f: PeerFetch | undefined): void {
  g.__terraneDrillFetch = f;
}

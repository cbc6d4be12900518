import "server-only";
import { createPublicKey, verify } from "node:crypto";
import { z } from "zod";
import { prisma } from "@/platform/db/db";
import { appendAudit } from "@/modules/audit/server/append";
import {
  dsseEnvelopeSchema,
  verifyEnvelope,
  type DsseEnvelope,
  type DsseVerifier,
} from "@/modules/attestations/domain/dsse";
import { BadRequestError, ConflictError, NotFoundError, ResidencyError, UnauthenticatedError } from "@/platform/errors";
import { currentRegion, findRegion, regionUrl } from "@/platform/region/registry";
import {
  PROBE_MAX_SKEW_MS,
  PROBE_PAYLOAD_TYPE,
  probePayloadSchema,
  type ProbePayload,
  type ProbeRecord,
} from "@/modules/drills/domain/probe";

const JWKS_TIMEOUT_MS = 5_000;
const PROBE_ACTOR_TYPE = "residency_drill";

const jwksSchema = z.object({
  keys: z.array(z.object({ kid: z.string(), x: z.string(), terrane_purpose: z.string().optional() })),
});

/** The home region's published attestation keys, fetched from the address the region registry gives it. */
async function homeVerifiers(region: string): Promise<Map<string, DsseVerifier>> {
  const response = await fetch(regionUrl(region, "/api/v1/audit/jwks"), {
    redirect: "error",
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(JWKS_TIMEOUT_MS),
  }).catch(() => null);
  const parsed = response?.ok ? jwksSchema.safeParse(await response.json().catch(() => null)) : null;
  if (!parsed?.success)
    throw new UnauthenticatedError(
      `The keys of ${region} could not be read, so the probe cannot be checked.`,
      "probe_unverified",
    );
  return new Map(
    parsed.data.keys
      .filter((k) => k.terrane_purpose === "attestation")
      .map((k) => {
        const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: k.x }, format: "jwk" });
        return [k.kid, (message: Buffer, signature: Buffer) => verify(null, message, key, signature)] as const;
      }),
  );
}

/**
 * A peer's side of a wrong-region drill: a probe signed by the tenant's home region asks whether
 * this region would serve the tenant. It is refused as every request for a tenant homed
 * elsewhere is, and recorded the same way (a `cross_region_attempts` row and the audit entry
 * `residency.cross_region_refused`, with the drill named). Answers the record (201): refused,
 * with the status and code any request for the tenant gets here (421 wrong_region).
 */
export async function receiveProbe(body: { envelope: Record<string, unknown> }): Promise<ProbeRecord> {
  const parsedEnvelope = dsseEnvelopeSchema.safeParse(body.envelope);
  if (!parsedEnvelope.success) throw new BadRequestError("The envelope is not a DSSE envelope.", "invalid_probe");
  const envelope: DsseEnvelope = parsedEnvelope.data;
  if (envelope.payloadType !== PROBE_PAYLOAD_TYPE)
    throw new BadRequestError(`payloadType must be ${PROBE_PAYLOAD_TYPE}.`, "invalid_probe");
  let payload: ProbePayload;
  try {
    payload = probePayloadSchema.parse(JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")));
  } catch {
    throw new BadRequestError("The probe's payload is not a residency probe.", "invalid_probe");
  }
  const here = currentRegion().id;
  if (payload.to_region !== here)
    throw new BadRequestError(`This is ${here}, not ${payload.to_region}.`, "wrong_probe_region");
  if (payload.from_region === here || !findRegion(payload.from_region))
    throw new BadRequestError(`${payload.from_region} is not another region of this provider.`, "unknown_region");
  if (Math.abs(Date.parse(payload.issued_at) - Date.now()) > PROBE_MAX_SKEW_MS)
    throw new BadRequestError("The probe is too old (or from the future).", "probe_expired");
  const check = verifyEnvelope(envelope, await homeVerifiers(payload.from_region), PROBE_PAYLOAD_TYPE);
  if (!check.ok)
    throw new UnauthenticatedError(`The probe's signature does not check: ${check.reason}.`, "probe_unverified");

  const db = await prisma();
  const entry = await db.directoryTenant.findUnique({
    where: { slug: payload.tenant },
    select: { id: true, homeRegion: true },
  });
  if (!entry) throw new NotFoundError("No such tenant in this region's directory.", "tenant_not_found");
  if (entry.homeRegion === here)
    throw new ConflictError(
      `${payload.tenant} is homed in ${here} according to this region's directory.`,
      "homed_here",
    );
  const path = `/api/v1/tenants/${payload.tenant}`;
  const exists = await db.crossRegionAttempt.findFirst({
    where: { actorType: PROBE_ACTOR_TYPE, actorId: payload.probe_id },
    select: { id: true },
  });
  if (exists) throw new ConflictError("This probe was already answered.", "probe_replayed");
  const attempt = await db.$transaction(async (tx) => {
    const row = await tx.crossRegionAttempt.create({
      data: {
        actorType: PROBE_ACTOR_TYPE,
        actorId: payload.probe_id,
        tenantId: entry.id,
        fromRegion: here,
        homeRegion: entry.homeRegion,
        surface: "drill",
        path,
      },
      select: { id: true, at: true },
    });
    await appendAudit(tx, {
      actor: { type: "system", name: `residency-drill:${payload.from_region}` },
      tenantId: entry.id,
      action: "residency.cross_region_refused",
      subject: `tenant:${entry.id}`,
      outcome: "denied",
      details: {
        from_region: here,
        home_region: entry.homeRegion,
        surface: "drill",
        drill_id: payload.drill_id,
        probe_id: payload.probe_id,
      },
    });
    return row;
  });
  return recordOf(payload.probe_id, attempt, payload.tenant, entry.homeRegion, path);
}

/** The refusal every request for the tenant gets here: the same error the tenant routes throw. */
function recordOf(
  probeId: string,
  attempt: { id: string; at: Date },
  tenant: string,
  homeRegion: string,
  path: string,
  auditEntryId: string | null = null,
): ProbeRecord {
  const refusal = new ResidencyError(homeRegion, regionUrl(homeRegion, path));
  return {
    probe_id: probeId,
    region: currentRegion().id,
    tenant,
    home_region: homeRegion,
    refused: true,
    status: refusal.status,
    code: refusal.code,
    attempt_id: attempt.id,
    audit_entry_id: auditEntryId,
    recorded_at: attempt.at.toISOString(),
  };
}

/** A probe's refusal as this region recorded it, read back by the home region's drill. */
export async function probeRecord(probeId: string): Promise<ProbeRecord> {
  const db = await prisma();
  const attempt = await db.crossRegionAttempt.findFirst({
    where: { actorType: PROBE_ACTOR_TYPE, actorId: probeId },
    select: { id: true, at: true, tenantId: true, homeRegion: true, fromRegion: true },
  });
  if (!attempt) throw new NotFoundError("This region recorded no such probe.", "probe_not_found");
  const [tenant, entry] = await Promise.all([
    db.directoryTenant.findUnique({ where: { id: attempt.tenantId }, select: { slug: true } }),
    db.auditEntry.findFirst({
      where: {
        action: "residency.cross_region_refused",
        tenantId: attempt.tenantId,
        details: { path: ["probe_id"], equals: probeId },
      },
      select: { id: true },
    }),
  ]);
  return recordOf(
    probeId,
    attempt,
    tenant?.slug ?? attempt.tenantId,
    attempt.homeRegion,
    `/api/v1/tenants/${tenant?.slug ?? ""}`,
    entry?.id ?? null,
  );
}

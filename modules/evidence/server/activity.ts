import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import type { Tx } from "@/platform/db/transaction";
import { toCsv } from "@/platform/csv";
import type { z } from "zod";
import { appendAudit } from "@/modules/audit/server/append";
import type { evidenceActivity } from "@/modules/evidence/api-schemas";

type ActivityKind = z.infer<typeof evidenceActivity>["activity"][number]["kind"];

export interface EvidenceActivityInput {
  tenantId: string;
  userId: string;
  kind: ActivityKind;
  /** What was viewed: `attestation:<id>`, `evidence:<from>..<to>`, `nda:v<version>`, `attestations`. */
  subject: string;
  /** SHA-256 (hex) of the bytes served, for a download. */
  sha256?: string | null;
  downloadId?: string | null;
  ip: string;
  at?: Date;
}

/** One row of who-viewed-what, in the transaction of the read it records. */
export async function recordEvidenceActivity(tx: Tx, input: EvidenceActivityInput): Promise<void> {
  await tx.evidenceActivity.create({
    data: {
      tenantId: input.tenantId,
      userId: input.userId,
      kind: input.kind,
      subject: input.subject,
      sha256: input.sha256 ?? null,
      downloadId: input.downloadId ?? null,
      ip: input.ip,
      ...(input.at ? { at: input.at } : {}),
    },
    select: { id: true },
  });
}

/**
 * A view or download of evidence, as a row the tenant's admins list and an audit entry (the
 * digest of what was served, so a leaked file can be traced to one download).
 */
export async function recordEvidenceRead(
  tx: Tx,
  actor: Actor,
  input: Omit<EvidenceActivityInput, "at" | "kind"> & { kind: Exclude<ActivityKind, "nda.accepted"> },
): Promise<void> {
  await recordEvidenceActivity(tx, input);
  await appendAudit(tx, {
    actor,
    tenantId: input.tenantId,
    action: "evidence.viewed",
    subject: input.subject.startsWith("attestation:") ? input.subject : `tenant:${input.tenantId}`,
    outcome: "success",
    details: {
      kind: input.kind,
      what: input.subject,
      ...(input.sha256 ? { sha256: input.sha256 } : {}),
      ...(input.downloadId ? { download_id: input.downloadId } : {}),
      ip: input.ip,
    },
  });
}

const CSV_HEADER = ["at_utc", "name", "email", "kind", "subject", "sha256", "download_id", "ip"] as const;

/** Who viewed and downloaded what, newest first (the last 5,000). */
export function listEvidenceActivity(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "auditors.read", request, async (scope) => {
    const rows = await scope.db.evidenceActivity.findMany({
      where: { tenantId: scope.tenant.id },
      orderBy: { at: "desc" },
      take: 5000,
    });
    const users = await scope.db.user.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.userId))] } },
      select: { id: true, name: true, email: true },
    });
    const byId = new Map(users.map((u) => [u.id, u]));
    return {
      tenant: scope.tenant.slug,
      activity: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        user: byId.get(r.userId) ?? { id: r.userId, name: "(account removed)", email: "" },
        kind: r.kind as ActivityKind,
        subject: r.subject,
        sha256: r.sha256,
        download_id: r.downloadId,
        ip: r.ip,
      })),
    };
  });
}

export async function evidenceActivityCsv(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  const list = await listEvidenceActivity(actor, tenantSlug, request);
  const rows = list.activity.map((a) => [
    a.at,
    a.user.name,
    a.user.email,
    a.kind,
    a.subject,
    a.sha256,
    a.download_id,
    a.ip,
  ]);
  return { filename: `${list.tenant}-evidence-activity.csv`, body: toCsv(CSV_HEADER, rows) };
}

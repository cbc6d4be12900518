import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import { env } from "@/platform/env";
import { BadRequestError, ForbiddenError } from "@/platform/errors";
import { toCsv } from "@/platform/csv";
import { logger } from "@/platform/log/logger";
import { canonicalJson, canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { integratePending } from "@/modules/audit/server/integrator";
import { regionJwks } from "@/modules/audit/server/public-log";
import { regionKey } from "@/modules/audit/server/signing-keys";
import { recordDeniedChange } from "@/modules/audit/server/denied-access";
import { signEnvelope, type DsseSigner } from "@/modules/attestations/domain/dsse";
import { parsePeriod, PeriodError, type Period } from "@/modules/attestations/domain/period";
import { attestationSigner } from "@/modules/attestations/server/sign";
import { sharingPolicy } from "@/modules/sharing/server/policy";
import { periodInScope } from "@/modules/evidence/domain/engagement";
import {
  EVIDENCE_MANIFEST_PAYLOAD_TYPE,
  manifestBytes,
  type ManifestFile,
  type ManifestHead,
  type Population,
} from "@/modules/evidence/domain/manifest";
import { PACKAGE_FILES as F } from "@/modules/evidence/domain/package-files";
import { CONTROLS_HEADER, controlRows } from "@/modules/evidence/domain/controls";
import { readmeText } from "@/modules/evidence/domain/readme";
import { drawSample, MAX_SAMPLE, newSeed, SAMPLE_METHOD } from "@/modules/evidence/domain/sample";
import { VERIFY_SH } from "@/modules/evidence/domain/verify-script";
import { ZipWriter, type FileContent } from "@/modules/evidence/domain/zip";
import { recordEvidenceRead } from "@/modules/evidence/server/activity";
import {
  auditEntries,
  auditProofs,
  consistencyJson,
  packageCheckpoints,
} from "@/modules/evidence/server/package-audit";
import { lineageGraphJson } from "@/modules/evidence/server/package-lineage";
import * as populations from "@/modules/evidence/server/package-populations";
import type { PackageScope, PopulationSource } from "@/modules/evidence/server/package-populations";
import type { PrismaClient } from "@/platform/db/transaction";

export interface EvidenceQuery {
  from: string;
  to: string;
  sample?: number;
  seed?: string;
}

export interface EvidenceDownload {
  fileName: string;
  downloadId: string;
  stream: ReadableStream<Uint8Array>;
}

interface Plan {
  db: PrismaClient;
  actor: UserActor;
  scope: PackageScope;
  head: ManifestHead;
  slug: string;
  ip: string;
  sample: { seed: string; size: number } | null;
  signer: DsseSigner;
  checkpoints: Awaited<ReturnType<typeof packageCheckpoints>>;
}

const stamp = (d: Date) => d.toISOString().slice(0, 19).replaceAll(":", "").replaceAll("-", "");

function checkedPeriod(query: EvidenceQuery, now: Date): Period {
  try {
    return parsePeriod(query, now);
  } catch (err) {
    if (err instanceof PeriodError) throw new BadRequestError(err.message, err.code);
    throw err;
  }
}

function checkedSample(query: EvidenceQuery): { seed: string; size: number } | null {
  if (query.sample === undefined) {
    if (query.seed !== undefined) throw new BadRequestError("seed: give it together with sample=N.", "sample_invalid");
    return null;
  }
  if (!Number.isInteger(query.sample) || query.sample < 1 || query.sample > MAX_SAMPLE)
    throw new BadRequestError(`sample: a whole number from 1 to ${MAX_SAMPLE}.`, "sample_invalid");
  if (query.seed !== undefined && !/^[0-9a-f]{64}$/.test(query.seed))
    throw new BadRequestError("seed: 64 lowercase hexadecimal digits (32 bytes).", "sample_invalid");
  return { seed: query.seed ?? newSeed(), size: query.sample };
}

const pem = (key: { publicKey: { export(o: { type: "spki"; format: "pem" }): string | Buffer } }) =>
  String(key.publicKey.export({ type: "spki", format: "pem" }));

/**
 * An evidence package for a tenant and a period, streamed as a ZIP (docs/evidence.md). Everything
 * that can refuse (the policy, the period, the auditor's periods, the log's coverage, the signing
 * key) is decided before the first byte; the download is recorded, with the package's SHA-256,
 * only once every byte but the archive's last record has been produced, so an interrupted
 * download leaves no record and no package leaves unrecorded.
 */
export function evidencePackage(
  actor: Actor,
  tenantSlug: string,
  query: EvidenceQuery,
  request: RequestOrigin,
): Promise<EvidenceDownload> {
  return withTenant(actor, tenantSlug, "evidence.download", request, async (scope) => {
    const now = await databaseNow(scope.db);
    const period = checkedPeriod(query, now);
    const sample = checkedSample(query);
    const auditor = scope.auditor;
    if (auditor && !periodInScope(period, { from: auditor.scopeFrom, to: auditor.scopeTo })) {
      await recordDeniedChange(scope.db, scope.actor, {
        tenantId: scope.tenant.id,
        action: "evidence.download",
        status: 403,
        request,
      });
      throw new ForbiddenError(
        "Your engagement does not cover this period; ask the tenant's admin to widen it.",
        "out_of_scope",
      );
    }
    const signer = await attestationSigner();
    await integratePending();
    const checkpoints = await packageCheckpoints(scope.db, period);
    const tenant = await scope.db.tenant.findUniqueOrThrow({ where: { id: scope.tenant.id }, select: { name: true } });
    const downloadId = randomUUID();
    const head: ManifestHead = {
      tenant: { id: scope.tenant.id, slug: scope.tenant.slug, name: tenant.name },
      region: env().REGION,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      generated_at: now.toISOString(),
      download_id: downloadId,
      downloaded_by: {
        name: scope.actor.name,
        email: scope.actor.email,
        role: scope.role ?? scope.actor.providerRole ?? "unknown",
      },
      audit_log: {
        origin: checkpoints.covering.note.split("\n", 1)[0]!,
        checkpoint_size: checkpoints.covering.size,
        newest_size: checkpoints.newest.size,
      },
    };
    const plan: Plan = {
      db: scope.db,
      actor: scope.actor,
      scope: { db: scope.db, tenantId: scope.tenant.id, period },
      head,
      slug: scope.tenant.slug,
      ip: request.ip ?? "unknown",
      sample,
      signer,
      checkpoints,
    };
    return {
      fileName: `${scope.tenant.slug}-evidence-${stamp(period.from)}-${stamp(period.to)}.zip`,
      downloadId,
      stream: streamOf(packageBytes(plan)),
    };
  });
}

function streamOf(source: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await source.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (err) {
          logger().error({ err }, "an evidence package failed while streaming");
          controller.error(err);
        }
      },
      async cancel() {
        await source.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

async function attestationFiles(plan: Plan): Promise<{ path: string; bytes: Buffer }[]> {
  const { db, tenantId, period } = plan.scope;
  const rows = await db.attestation.findMany({
    where: {
      tenantId,
      state: { in: ["issued", "published"] },
      periodFrom: { gte: period.from },
      periodTo: { lte: period.to },
    },
    orderBy: [{ periodFrom: "asc" }, { issuedAt: "asc" }],
    select: { id: true, periodName: true, envelope: true },
  });
  const files = rows.map((r) => ({
    path: `${F.attestationsDir}${r.periodName.replaceAll(":", "")}-${r.id.slice(0, 8)}.intoto.json`,
    bytes: canonicalJsonBytes(r.envelope),
  }));
  const index = await db.attestationIndex.findFirst({
    where: { tenantId },
    orderBy: { version: "desc" },
    select: { envelope: true },
  });
  if (index) files.push({ path: F.attestationIndex, bytes: canonicalJsonBytes(index.envelope) });
  return files;
}

/** The signed reports of the tenant's residency drills started in the period (modules/drills). */
async function drillReportFiles(scope: Plan["scope"]): Promise<{ path: string; bytes: Buffer }[]> {
  const rows = await scope.db.drill.findMany({
    where: {
      tenantId: scope.tenantId,
      state: "completed",
      startedAt: { gte: scope.period.from, lt: scope.period.to },
    },
    orderBy: { startedAt: "asc" },
    select: { id: true, kind: true, startedAt: true, report: true },
  });
  return rows
    .filter((r) => r.report !== null)
    .map((r) => ({
      path: `${F.drillsDir}${r.startedAt.toISOString().slice(0, 10)}-${r.kind}-${r.id.slice(0, 8)}.intoto.json`,
      bytes: canonicalJsonBytes(r.report),
    }));
}

async function* packageBytes(plan: Plan): AsyncGenerator<Uint8Array> {
  const zip = new ZipWriter(new Date(plan.head.generated_at));
  const digest = createHash("sha256");
  const files: ManifestFile[] = [];
  const counted: Population[] = [];
  const emit = (b: Buffer) => {
    digest.update(b);
    return b;
  };
  async function* add(path: string, content: FileContent, executable = false) {
    const gen = zip.file(path, content, { executable });
    for (;;) {
      const step = await gen.next();
      if (step.done) {
        files.push({ path, sha256: step.value.sha256, size: step.value.size });
        return step.value;
      }
      yield emit(step.value);
    }
  }
  async function* addPopulation(source: PopulationSource) {
    const done = yield* add(source.path, source.lines());
    counted.push({ name: source.name, path: source.path, query: source.query, rows: done.lines, sha256: done.sha256 });
  }

  const [jwks, attestationKey, logKey] = await Promise.all([
    regionJwks(),
    regionKey("attestation"),
    regionKey("audit-log"),
  ]);
  yield* add(F.readme, readmeText(plan.head));
  yield* add(F.verify, VERIFY_SH, true);
  yield* add(F.jwks, `${JSON.stringify(jwks, null, 2)}\n`);
  yield* add(F.attestationKey, pem(attestationKey));
  yield* add(F.auditLogKey, pem(logKey));
  yield* add(F.auditLogVkey, `${logKey.verifierKey}\n`);
  for (const a of await attestationFiles(plan)) yield* add(a.path, a.bytes);
  for (const d of await drillReportFiles(plan.scope)) yield* add(d.path, d.bytes);

  const { covering, newest } = plan.checkpoints;
  yield* addPopulation(auditEntries(plan.scope, covering.size));
  yield* addPopulation(auditProofs(plan.scope, covering.size));
  yield* add(F.checkpoint, covering.note);
  yield* add(F.newestCheckpoint, newest.note);
  yield* add(F.consistency, await consistencyJson(plan.db, covering.size, newest.size));

  for (const source of [
    populations.keyEvents(plan.scope),
    populations.revocationReceipts(plan.scope),
    populations.decisionVersions(plan.scope),
    populations.decisionEvents(plan.scope),
  ])
    yield* addPopulation(source);
  yield* add(F.sharingPolicy, (await sharingPolicy(plan.db, plan.scope.tenantId)).compiled.text);
  yield* add(F.lineageGraph, lineageGraphJson(plan.scope));
  for (const source of [
    populations.lineageVerdicts(plan.scope),
    populations.lineageAlerts(plan.scope),
    populations.supportRequests(plan.scope),
    populations.supportGrants(plan.scope),
    populations.supportAccesses(plan.scope),
    populations.people(plan.scope),
  ])
    yield* addPopulation(source);
  yield* add(F.controls, toCsv(CONTROLS_HEADER, controlRows()));
  if (plan.sample) yield* add(F.samples, samplesJson(plan.sample, counted));

  const manifest = manifestBytes({ ...plan.head, files, populations: counted, sample: plan.sample });
  const envelope = await signEnvelope(EVIDENCE_MANIFEST_PAYLOAD_TYPE, manifest, plan.signer);
  yield* add(F.manifest, manifest);
  files.pop(); // the manifest does not list itself, nor its signature
  yield* add(F.manifestSig, `${canonicalJson(envelope)}\n`);
  const end = zip.finish();
  digest.update(end);
  await recordDownload(plan, digest.digest("hex"));
  yield end;
}

function samplesJson(sample: { seed: string; size: number }, counted: Population[]): string {
  const drawn = counted
    .filter((p) => p.rows > 0 && p.path !== F.auditProofs)
    .map((p) => ({
      name: p.name,
      path: p.path,
      rows: p.rows,
      lines: drawSample(sample.seed, p.name, p.rows, sample.size),
    }));
  return `${canonicalJson({ method: SAMPLE_METHOD, populations: drawn, seed: sample.seed, size: sample.size })}\n`;
}

async function recordDownload(plan: Plan, sha256: string): Promise<void> {
  const { period } = plan.scope;
  await plan.db.$transaction((tx) =>
    recordEvidenceRead(tx, plan.actor, {
      tenantId: plan.scope.tenantId,
      userId: plan.actor.userId,
      kind: "evidence.downloaded",
      subject: `evidence:${period.from.toISOString()}..${period.to.toISOString()}`,
      sha256,
      downloadId: plan.head.download_id,
      ip: plan.ip,
    }),
  );
}

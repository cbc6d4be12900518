import { createPublicKey, verify } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseNow } from "@/platform/db/db-time";
import { regionJwks } from "@/modules/audit/server/public-log";
import { integratePending } from "@/modules/audit/server/integrator";
import { dsseEnvelopeSchema, verifyEnvelope, type DsseVerifier } from "@/modules/attestations/domain/dsse";
import { lastCompleteMonth } from "@/modules/attestations/domain/period";
import { residencyPredicateSchema, RESIDENCY_PREDICATE_TYPE } from "@/modules/attestations/domain/predicate";
import { canonicalDigest, sha256Hex, statementSchema } from "@/modules/attestations/domain/statement";
import { issueAttestationOnDemand } from "@/modules/attestations/server/issue";
import { attestationEnvelope, listAttestations } from "@/modules/attestations/server/reads";
import { attestationJobs, queueMonthlyAttestations } from "@/modules/attestations/server/monthly";
import { runDueJobs } from "@/platform/jobs/queue";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../cli/fixtures";
import type { JsonValue } from "@/modules/audit/domain/canonical-json";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { ORIGIN } from "../helpers/keys-world";

const SLUG = "northwind-eu";

/** The region's attestation key from its JWKS, as an auditor would take it. */
async function jwksVerifiers(): Promise<Map<string, DsseVerifier>> {
  const { keys } = await regionJwks();
  const key = keys.find((k) => k.terrane_purpose === "attestation");
  expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" });
  const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: key!.x }, format: "jwk" });
  return new Map([[key!.kid, (m: Buffer, s: Buffer) => verify(null, m, publicKey, s)]]);
}

describe.each(DATABASE_KINDS)("issuing residency attestations, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });
  let month: { from: string; to: string };
  beforeAll(async () => {
    const p = lastCompleteMonth(await databaseNow(world.prisma));
    month = { from: p.from.toISOString().slice(0, 10), to: p.to.toISOString().slice(0, 10) };
    await integratePending();
    // The first test's period ends a second before "now": on a fast database the seed finished
    // less than that ago, and its keys would fall after the period's end.
    await new Promise((r) => setTimeout(r, 1_100));
  });

  it("signs an in-toto statement in a DSSE envelope that verifies against the region's JWKS", async () => {
    const admin = await world.session(EU.northwindAdmin);
    // From last month's start until now: the seeded keys, stores and decisions (made today) are in it.
    const until = new Date((await databaseNow(world.prisma)).getTime() - 1_000).toISOString();
    const issued = await issueAttestationOnDemand(admin, SLUG, { from: month.from, to: until }, ORIGIN);
    expect(issued).toMatchObject({
      from: `${month.from}T00:00:00.000Z`,
      to: until,
      kind: "range",
      state: "issued",
      issued_by: { type: "user", name: expect.any(String) },
    });
    expect(issued.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const served = await attestationEnvelope(admin, SLUG, issued.id, ORIGIN);
    // The digest is of the bytes served, so `sha256sum` on the download gives it.
    expect(`sha256:${sha256Hex(served.bytes)}`).toBe(issued.digest);
    const envelope = dsseEnvelopeSchema.parse(JSON.parse(served.bytes.toString("utf8")));
    const checked = verifyEnvelope(envelope, await jwksVerifiers());
    expect(checked.ok).toBe(true);
    expect(envelope.signatures[0]!.keyid).toBe(issued.kid);

    const statement = statementSchema.parse(JSON.parse(checked.ok ? checked.payload.toString("utf8") : "{}"));
    expect(statement.predicateType).toBe(RESIDENCY_PREDICATE_TYPE);
    const predicate = residencyPredicateSchema.parse(statement.predicate);
    expect(statement.subject).toEqual([
      { name: `${SLUG}/${issued.period}`, digest: { sha256: canonicalDigest(statement.predicate as JsonValue) } },
    ]);
    expect(`sha256:${statement.subject[0]!.digest.sha256}`).toBe(issued.subject_digest);
    expect(predicate.tenant).toMatchObject({ slug: SLUG, home_region: "eu-central-1" });
    expect(predicate.residency.regions.find((r) => r.home)?.region).toBe("eu-central-1");
    expect(predicate.residency.regions.flatMap((r) => r.stores).length).toBeGreaterThan(0);
    expect(predicate.key_custody.keys.map((k) => k.alias)).toContain("primary");
    expect(predicate.decisions_in_force.every((d) => /^[0-9a-f]{64}$/.test(d.content_sha256))).toBe(true);
    expect(predicate.verification.verifier.id).toBe("terrane:eu-central-1");
    // The checkpoint is a signed note of the region's log that holds every entry before the period's end.
    expect(predicate.audit_log.checkpoint.split("\n")[0]).toBe(predicate.audit_log.origin);
    expect(predicate.audit_log.checkpoint).toContain("\n— ");
    const [last] = await world.prisma.$queryRaw<{ max: bigint | null }[]>`
      SELECT max(leaf_index) AS max FROM audit_entries WHERE at < ${new Date(predicate.period.to)}`;
    expect(predicate.audit_log.tree_size).toBeGreaterThan(Number(last?.max ?? -1));

    const audit = await world.prisma.auditEntry.findFirstOrThrow({
      where: { action: "attestation.issued", subject: `attestation:${issued.id}` },
    });
    expect(audit.details).toMatchObject({
      envelope_sha256: issued.digest.slice(7),
      subject_sha256: issued.subject_digest.slice(7),
      period: issued.period,
    });
    const list = await listAttestations(await world.session(EU.northwindViewer), SLUG, ORIGIN);
    expect(list.attestations.map((a) => a.id)).toContain(issued.id);
    expect(list.allowed_actions).toEqual([]);
  });

  it("a provider access outside any grant in the period makes the verdict FAILED, naming it", async () => {
    const day = new Date(`${month.from}T00:00:00Z`);
    await world.prisma.supportAccessDaily.create({
      data: {
        tenantId: (await world.prisma.tenant.findUniqueOrThrow({ where: { slug: SLUG } })).id,
        day,
        grantId: "",
        verdict: "outside_grant",
        count: 3,
      },
    });
    const compliance = await world.session(EU.compliance);
    const issued = await issueAttestationOnDemand(compliance, SLUG, month, ORIGIN);
    expect(issued.result).toBe("FAILED");
    const served = await attestationEnvelope(compliance, SLUG, issued.id, ORIGIN);
    const statement = JSON.parse(
      Buffer.from((JSON.parse(served.bytes.toString("utf8")) as { payload: string }).payload, "base64").toString(
        "utf8",
      ),
    ) as { predicate: { verification: { exceptions: unknown[] }; support_access: unknown } };
    expect(statement.predicate.verification.exceptions).toContainEqual({
      kind: "outside_grant_access",
      count: 3,
      detail: expect.any(String),
    });
    expect(statement.predicate.support_access).toMatchObject({ accesses_outside_grant: 3 });
  });

  it("refuses periods in the future, over a year, empty or malformed, and issues nothing", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const before = await world.prisma.attestation.count();
    const now = await databaseNow(world.prisma);
    const cases: [{ from: string; to: string }, string][] = [
      [{ from: month.from, to: new Date(now.getTime() + 86_400_000).toISOString() }, "period_in_future"],
      [{ from: "2020-01-01", to: "2021-06-01" }, "period_too_long"],
      [{ from: month.to, to: month.from }, "period_empty"],
      [{ from: "November", to: month.to }, "period_malformed"],
    ];
    for (const [body, code] of cases)
      await expect(issueAttestationOnDemand(admin, SLUG, body, ORIGIN)).rejects.toMatchObject({ status: 400, code });
    expect(await world.prisma.attestation.count()).toBe(before);
  });

  it("only customer admins and compliance officers issue; viewers and auditors read; another tenant's admin neither", async () => {
    for (const email of [EU.northwindViewer, EU.northwindAuditor, EU.support, EU.providerAdmin])
      await expect(issueAttestationOnDemand(await world.session(email), SLUG, month, ORIGIN)).rejects.toMatchObject({
        status: 403,
      });
    await expect(
      issueAttestationOnDemand(await world.session(EU.kestrelAdmin), SLUG, month, ORIGIN),
    ).rejects.toMatchObject({
      status: 404,
    });
    const [one] = (await listAttestations(await world.session(EU.northwindAdmin), SLUG, ORIGIN)).attestations;
    await expect(
      attestationEnvelope(await world.session(EU.kestrelAdmin), SLUG, one!.id, ORIGIN),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      attestationEnvelope(await world.session(EU.kestrelAdmin), "kestrel-eu", one!.id, ORIGIN),
    ).rejects.toMatchObject({ status: 404, code: "attestation_not_found" });
  });

  it("the job queue issues last month's attestation for every tenant once, as the system", async () => {
    const tenants = await world.prisma.tenant.count();
    expect(await queueMonthlyAttestations()).toBe(tenants);
    expect(await queueMonthlyAttestations()).toBe(0); // the same month's jobs are still waiting
    const issue = attestationJobs().workers.find((w) => w.queue === "attestation.issue-monthly")!;
    expect(await runDueJobs(world.database.jobs, "attestation.issue-monthly", issue.handler)).toBe(tenants);
    const monthly = await world.prisma.attestation.findMany({
      where: { issuedByType: "system", periodFrom: new Date(`${month.from}T00:00:00Z`) },
    });
    expect(monthly).toHaveLength(tenants);
    expect(monthly.every((a) => a.kind === "month" && a.state === "issued" && a.issuedById === null)).toBe(true);
    const list = await listAttestations(await world.session(EU.northwindAdmin), SLUG, ORIGIN);
    expect(list.attestations.find((a) => a.issued_by.type === "system")).toMatchObject({
      period: month.from.slice(0, 7),
      issued_by: { name: "Terrane (monthly)" },
    });
    // Asked again (a restart, a second replica): queued again, but nothing is issued twice.
    expect(await queueMonthlyAttestations()).toBe(tenants);
    await runDueJobs(world.database.jobs, "attestation.issue-monthly", issue.handler);
    expect(await world.prisma.attestation.count({ where: { issuedByType: "system" } })).toBe(tenants);
  });

  it("`terrane verify` checks a downloaded attestation against the region's JWKS, and names what an alteration broke", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const [one] = (await listAttestations(admin, SLUG, ORIGIN)).attestations;
    const served = await attestationEnvelope(admin, SLUG, one!.id, ORIGIN);
    const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-att-"));
    try {
      const file = path.join(dir, served.fileName);
      const jwks = path.join(dir, "jwks.json");
      writeFileSync(file, served.bytes);
      writeFileSync(jwks, JSON.stringify(await regionJwks()));
      const good = await runCli(["verify", file, "--jwks", jwks, "--json"]);
      expect(good.code, good.err + good.out).toBe(0);
      expect(JSON.parse(good.out)).toMatchObject({
        ok: true,
        type: "attestation",
        result: one!.result,
        envelope_sha256: one!.digest.slice(7),
      });
      // Also over HTTP, as `--jwks https://…/.well-known/jwks.json`.
      const body = JSON.stringify(await regionJwks());
      const overHttp = await runCli(["verify", file, "--jwks", "https://eu.example/.well-known/jwks.json"], {
        fetch: async () => new Response(body, { headers: { "content-type": "application/json" } }),
      });
      expect(overHttp.code, overHttp.err).toBe(0);
      expect(overHttp.out).toMatch(/^verified: residency attestation northwind-eu\//);

      const envelope = JSON.parse(served.bytes.toString("utf8")) as {
        payload: string;
        signatures: { keyid: string }[];
      };
      const statement = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")) as {
        predicate: { verification: { result: string } };
      };
      statement.predicate.verification.result = "PASSED";
      const tampered = path.join(dir, "tampered.intoto.json");
      writeFileSync(
        tampered,
        JSON.stringify({ ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString("base64") }),
      );
      const bad = await runCli(["verify", tampered, "--jwks", jwks, "--json"]);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.out)).toMatchObject({ ok: false, error: { code: "bad_signature" } });
      // The log's key (another purpose) is not the attestation key.
      const logOnly = path.join(dir, "log-jwks.json");
      const { keys } = await regionJwks();
      writeFileSync(logOnly, JSON.stringify({ keys: keys.filter((k) => k.terrane_purpose === "audit-log") }));
      const wrong = await runCli(["verify", file, "--jwks", logOnly]);
      expect(wrong.code).toBe(2);
      expect(wrong.err).toMatch(/no attestation Ed25519 key in this JWKS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseNow } from "@/platform/db/db-time";
import { TerraneError } from "@/platform/errors";
import { regionJwks } from "@/modules/audit/server/public-log";
import { integratePending } from "@/modules/audit/server/integrator";
import { dsseEnvelopeSchema, IN_TOTO_PAYLOAD_TYPE, signEnvelope } from "@/modules/attestations/domain/dsse";
import { INDEX_PREDICATE_TYPE, type IndexPredicate } from "@/modules/attestations/domain/index-predicate";
import { calendarMonth, lastCompleteQuarter } from "@/modules/attestations/domain/period";
import { canonicalDigest, sha256Hex, statementSchema } from "@/modules/attestations/domain/statement";
import { issueAttestationOnDemand } from "@/modules/attestations/server/issue";
import { attestationEnvelope, attestationIndex, listAttestations } from "@/modules/attestations/server/reads";
import { attestationSigner } from "@/modules/attestations/server/sign";
import { reviewAttestation } from "@/modules/attestations/server/review";
import { runCli } from "../cli/fixtures";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const SLUG = "northwind-eu";
const ORIGIN = { surface: "api", path: "/api/v1/test" } as const;

function predicateOf(bytes: Buffer): IndexPredicate {
  const envelope = dsseEnvelopeSchema.parse(JSON.parse(bytes.toString("utf8")));
  const statement = statementSchema.parse(JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")));
  expect(statement.predicateType).toBe(INDEX_PREDICATE_TYPE);
  expect(statement.subject[0]!.digest.sha256).toBe(canonicalDigest(statement.predicate as never));
  return statement.predicate as unknown as IndexPredicate;
}

describe.each(DATABASE_KINDS)("the signed attestation index, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });
  beforeAll(async () => {
    await integratePending();
  });

  it("every issue and review signs the next version, listing every envelope digest and chained to the one before", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const before = await attestationIndex(admin, SLUG, undefined, ORIGIN).catch((e: TerraneError) => e);
    expect(before).toMatchObject({ status: 404, code: "index_not_found" });

    const now = await databaseNow(world.prisma);
    const y = now.getUTCFullYear() - 1;
    const m1 = calendarMonth(y, 1);
    const m2 = calendarMonth(y, 2);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const first = await issueAttestationOnDemand(admin, SLUG, { from: day(m1.from), to: day(m1.to) }, ORIGIN);
    const second = await issueAttestationOnDemand(admin, SLUG, { from: day(m2.from), to: day(m2.to) }, ORIGIN);

    const v1 = await attestationIndex(admin, SLUG, 1, ORIGIN);
    const v2 = await attestationIndex(admin, SLUG, undefined, ORIGIN);
    expect(v2.version).toBe(2);
    const p1 = predicateOf(v1.bytes);
    const p2 = predicateOf(v2.bytes);
    expect(p1.attestations.map((a) => a.envelope_sha256)).toEqual([first.digest.slice(7)]);
    expect(p2).toMatchObject({ version: 2, count: 2, previous_index_sha256: sha256Hex(v1.bytes) });
    expect(p2.attestations.map((a) => `sha256:${a.envelope_sha256}`)).toEqual([first.digest, second.digest]);
    // Nothing the older version listed is missing from the newer one.
    for (const a of p1.attestations) expect(p2.attestations).toContainEqual(a);

    // A review changes a state: a new version says so.
    const q = lastCompleteQuarter(now);
    const draft = await issueAttestationOnDemand(
      await world.session(EU.compliance),
      SLUG,
      { from: day(q.from), to: day(q.to) },
      ORIGIN,
    );
    await reviewAttestation(
      await world.session(EU.compliance2),
      SLUG,
      draft.id,
      { decision: "publish", note: "checked" },
      ORIGIN,
    );
    const v4 = predicateOf((await attestationIndex(admin, SLUG, undefined, ORIGIN)).bytes);
    expect(v4.version).toBe(4);
    expect(v4.attestations.find((a) => a.id === draft.id)?.state).toBe("published");

    // terrane verify reads it with the region's JWKS, and refuses an altered one.
    const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-index-"));
    try {
      const file = path.join(dir, "index.intoto.json");
      const jwks = path.join(dir, "jwks.json");
      writeFileSync(file, v2.bytes);
      writeFileSync(jwks, JSON.stringify(await regionJwks()));
      const good = await runCli(["verify", file, "--jwks", jwks, "--json"]);
      expect(good.code, good.err + good.out).toBe(0);
      expect(JSON.parse(good.out)).toMatchObject({ ok: true, type: "attestation-index", version: 2 });
      const envelope = JSON.parse(v2.bytes.toString("utf8")) as { payload: string };
      const statement = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")) as {
        predicate: IndexPredicate;
      };
      statement.predicate.attestations.pop(); // an attestation deleted from the list
      statement.predicate.count = 1;
      const tampered = path.join(dir, "tampered.json");
      writeFileSync(
        tampered,
        JSON.stringify({ ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString("base64") }),
      );
      const bad = await runCli(["verify", tampered, "--jwks", jwks, "--json"]);
      expect(JSON.parse(bad.out)).toMatchObject({ ok: false, error: { code: "bad_signature" } });

      // Versions compared: v2 extends v1; not the other way round; an attestation is in v2, the
      // second one not in v1.
      const v1File = path.join(dir, "index-v1.json");
      writeFileSync(v1File, v1.bytes);
      const ok = await runCli(["verify", file, "--jwks", jwks, "--previous", v1File, "--json"]);
      expect(JSON.parse(ok.out)).toMatchObject({ ok: true, previous_version_checked: 1 });
      const backwards = await runCli(["verify", v1File, "--jwks", jwks, "--previous", file, "--json"]);
      expect(JSON.parse(backwards.out)).toMatchObject({ ok: false, error: { code: "index_not_newer" } });
      const secondFile = path.join(dir, "second.intoto.json");
      writeFileSync(secondFile, (await attestationEnvelope(admin, SLUG, second.id, ORIGIN)).bytes);
      const listed = await runCli(["verify", secondFile, "--jwks", jwks, "--index", file, "--json"]);
      expect(JSON.parse(listed.out)).toMatchObject({ ok: true, index_version: 2 });
      const unlisted = await runCli(["verify", secondFile, "--jwks", jwks, "--index", v1File, "--json"]);
      expect(JSON.parse(unlisted.out)).toMatchObject({ ok: false, error: { code: "not_in_index" } });

      // An older version, signed by the region, that listed one more attestation: v2 dropped it.
      const older = {
        ...statementSchema.parse(statement),
        predicate: {
          ...p1,
          attestations: [
            ...p1.attestations,
            { ...p1.attestations[0]!, id: "00000000-0000-4000-8000-000000000000", envelope_sha256: "e".repeat(64) },
          ],
          count: 2,
        },
      };
      older.subject = [{ ...older.subject[0]!, digest: { sha256: canonicalDigest(older.predicate as never) } }];
      const signed = await signEnvelope(
        IN_TOTO_PAYLOAD_TYPE,
        Buffer.from(JSON.stringify(older)),
        await attestationSigner(),
      );
      const olderFile = path.join(dir, "older.json");
      writeFileSync(olderFile, JSON.stringify(signed));
      const dropped = await runCli(["verify", file, "--jwks", jwks, "--previous", olderFile, "--json"]);
      expect(JSON.parse(dropped.out)).toMatchObject({ ok: false, error: { code: "index_dropped" } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the list says what terrane verify would, checked on each read: an altered row shows which check failed", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const list = await listAttestations(admin, SLUG, ORIGIN);
    expect(list.attestations.length).toBeGreaterThan(0);
    for (const a of list.attestations)
      expect(a.verification, a.period).toMatchObject({
        ok: true,
        signature: true,
        digest: true,
        subject: true,
        in_index: true,
      });

    // Someone with database access swaps the signed facts: the signature no longer verifies.
    const victim = list.attestations[0]!;
    const row = await world.prisma.attestation.findUniqueOrThrow({
      where: { id: victim.id },
      select: { envelope: true },
    });
    const envelope = row.envelope as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")) as {
      predicate: { tenant: { name: string } };
    };
    statement.predicate.tenant.name = "Someone Else";
    await world.prisma.attestation.update({
      where: { id: victim.id },
      data: { envelope: { ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString("base64") } },
    });
    const after = (await listAttestations(admin, SLUG, ORIGIN)).attestations.find((a) => a.id === victim.id)!;
    expect(after.verification).toMatchObject({ ok: false, signature: false, digest: false, in_index: true });
    await world.prisma.attestation.update({ where: { id: victim.id }, data: { envelope: row.envelope as object } });
  });
});

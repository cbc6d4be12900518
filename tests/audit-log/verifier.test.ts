import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signCheckpoint } from "@/modules/audit/domain/checkpoint";
import { CompactRange } from "@/modules/audit/domain/compact-range";
import { appendAudit } from "@/modules/audit/server/append";
import { integrateAll } from "@/modules/audit/server/integrator";
import { entryLeafHash, LEAF_COLUMNS } from "@/modules/audit/server/leaf";
import { latestIntegrity, verifyRegionLog } from "@/modules/audit/server/verifier";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import { DATABASE_KINDS } from "../helpers/databases";
import { useMigratedRegion } from "../helpers/seeded-region";
import { appendEntries, asRogueDba, integrateInBatches } from "./log-helpers";

// A checkpoint every 8 entries; pages of 7 entries make every window straddle subtrees.
const BATCH = 8;
const PAGE = 7;

describe.each(DATABASE_KINDS)("the background verifier recomputes the signed tree, on %s", (kind) => {
  const region = useMigratedRegion(kind);
  let size = 0;

  beforeAll(async () => {
    forgetRegionKeys();
    await appendEntries(region.prisma, 44);
    // Ours are entries 0..43; the log key's creation, on the first integration, is entry 44.
    size = await integrateInBatches(BATCH);
  });

  const sql = (statements: string[]) => asRogueDba(region.prisma, statements);

  /** Tampers, expects the verifier to find it at `brokenAt`, undoes, and expects it clean again. */
  async function detects(tamper: string[], undo: string[], brokenAt: number, reason: RegExp) {
    await sql(tamper);
    try {
      for (const pageSize of [PAGE, undefined]) {
        const result = await verifyRegionLog({ pageSize });
        expect(result, `page size ${pageSize}`).toMatchObject({ ok: false, brokenAt, size });
        expect(result.reason).toMatch(reason);
      }
    } finally {
      await sql(undo);
    }
    expect(await verifyRegionLog({ pageSize: PAGE })).toMatchObject({ ok: true, brokenAt: null, size });
  }

  it("passes on an untouched log, at every page size, and records each run", async () => {
    expect(size).toBe(45);
    const checkpoints = await region.prisma.auditCheckpoint.count();
    expect(checkpoints).toBe(Math.ceil(size / BATCH)); // one per batch: 8, 16, …, 40, 45
    const before = await region.prisma.integrityEvent.count({ where: { kind: "self_verification" } });
    for (const pageSize of [1, 2, PAGE, 16, 45, 1000, undefined]) {
      const result = await verifyRegionLog({ pageSize });
      expect(result, `page size ${pageSize}`).toMatchObject({
        ok: true,
        size,
        brokenAt: null,
        reason: null,
        checkpoints,
      });
    }
    const events = await region.prisma.integrityEvent.findMany({
      where: { kind: "self_verification" },
      orderBy: { at: "desc" },
    });
    expect(events.length - before).toBe(7);
    expect(events[0]).toMatchObject({
      ok: true,
      subject: "terrane/eu-central-1",
      treeSize: BigInt(size),
      brokenAt: null,
    });
  });

  it("a changed field of an entry is found at that entry", async () => {
    await detects(
      [`UPDATE audit_entries SET outcome = 'failure' WHERE leaf_index = 13`],
      [`UPDATE audit_entries SET outcome = 'success' WHERE leaf_index = 13`],
      13,
      /entry 13 does not match its stored leaf hash/,
    );
    await detects(
      [`UPDATE audit_entries SET details = details || '{"forged": true}' WHERE leaf_index = 30`],
      [`UPDATE audit_entries SET details = details - 'forged' WHERE leaf_index = 30`],
      30,
      /entry 30 does not match/,
    );
  });

  it("a deleted entry is found where it was", async () => {
    await detects(
      [
        `CREATE TABLE saved AS SELECT * FROM audit_entries WHERE leaf_index = 21`,
        `DELETE FROM audit_entries WHERE leaf_index = 21`,
      ],
      [`INSERT INTO audit_entries SELECT * FROM saved`, `DROP TABLE saved`],
      21,
      /entry 21 is missing/,
    );
  });

  it("two reordered entries (swapped indexes) are found at the first", async () => {
    const swap = [
      `UPDATE audit_entries SET leaf_index = -1 WHERE leaf_index = 5`,
      `UPDATE audit_entries SET leaf_index = 5 WHERE leaf_index = 33`,
      `UPDATE audit_entries SET leaf_index = 33 WHERE leaf_index = -1`,
    ];
    await detects(swap, swap, 5, /entry 5 does not match/);
  });

  it("a forged entry inserted in the middle (later ones shifted up) is found where it went in", async () => {
    await detects(
      [
        `UPDATE audit_entries SET leaf_index = leaf_index + 1000000 WHERE leaf_index >= 17`,
        `UPDATE audit_entries SET leaf_index = leaf_index - 999999 WHERE leaf_index >= 1000000`,
        `INSERT INTO audit_entries (id, region, actor_type, action, outcome, salt, leaf_index, integrated_at)
         VALUES ('forged-entry', 'eu-central-1', 'system', 'test.change', 'success', 'aa', 17, now())`,
      ],
      [
        `DELETE FROM audit_entries WHERE id = 'forged-entry'`,
        `UPDATE audit_entries SET leaf_index = leaf_index + 1000000 WHERE leaf_index >= 18`,
        `UPDATE audit_entries SET leaf_index = leaf_index - 1000001 WHERE leaf_index >= 1000000`,
      ],
      17,
      /entry 17 does not match/,
    );
  });

  it("a forged entry slipped in after the signed tree is found at the tree's end", async () => {
    await detects(
      [
        `INSERT INTO audit_entries (id, region, actor_type, action, outcome, salt, leaf_index, integrated_at)
         VALUES ('forged-entry', 'eu-central-1', 'system', 'test.change', 'success', 'aa', ${45}, now())`,
      ],
      [`DELETE FROM audit_entries WHERE id = 'forged-entry'`],
      45,
      /marked integrated, but the latest signed checkpoint covers only 45/,
    );
  });

  it("a truncated log (the last entries deleted) is found at the first missing entry", async () => {
    await detects(
      [
        `CREATE TABLE saved AS SELECT * FROM audit_entries WHERE leaf_index >= 42`,
        `DELETE FROM audit_entries WHERE leaf_index >= 42`,
      ],
      [`INSERT INTO audit_entries SELECT * FROM saved`, `DROP TABLE saved`],
      42,
      /truncated \(the signed tree has 45 entries, 42 are stored\)/,
    );
  });

  it("a changed stored leaf or interior node is found at the first entry it covers", async () => {
    await detects(
      [
        `CREATE TABLE saved AS SELECT * FROM audit_tree_nodes WHERE level = 0 AND index = 9`,
        `UPDATE audit_tree_nodes SET hash = sha256(hash) WHERE level = 0 AND index = 9`,
      ],
      [
        `UPDATE audit_tree_nodes t SET hash = s.hash FROM saved s WHERE t.level = s.level AND t.index = s.index`,
        `DROP TABLE saved`,
      ],
      9,
      /entry 9 does not match its stored leaf hash/,
    );
    await detects(
      [
        `CREATE TABLE saved AS SELECT * FROM audit_tree_nodes WHERE level = 2 AND index = 6`,
        `UPDATE audit_tree_nodes SET hash = sha256(hash) WHERE level = 2 AND index = 6`,
      ],
      [
        `UPDATE audit_tree_nodes t SET hash = s.hash FROM saved s WHERE t.level = s.level AND t.index = s.index`,
        `DROP TABLE saved`,
      ],
      24,
      /tree node \(level 2, index 6\) over entries 24\.\.27 does not match/,
    );
    await detects(
      [
        `CREATE TABLE saved AS SELECT * FROM audit_tree_nodes WHERE level = 3 AND index = 1`,
        `DELETE FROM audit_tree_nodes WHERE level = 3 AND index = 1`,
      ],
      [`INSERT INTO audit_tree_nodes SELECT * FROM saved`, `DROP TABLE saved`],
      8,
      /tree node \(level 3, index 1\) over entries 8\.\.15 is missing/,
    );
  });

  /** Rewrites every stored node from the entries as they are now: a careful forger. */
  async function rebuildNodes(): Promise<string[]> {
    const entries = await region.prisma.auditEntry.findMany({
      where: { leafIndex: { not: null } },
      orderBy: { leafIndex: "asc" },
      select: LEAF_COLUMNS,
    });
    const nodes = CompactRange.empty().appendAll(entries.map(entryLeafHash));
    return nodes.map(
      (n) =>
        `UPDATE audit_tree_nodes SET hash = '\\x${n.hash.toString("hex")}' WHERE level = ${n.level} AND index = ${n.index}`,
    );
  }

  it("a change carried into every stored node is still found: the signed root no longer matches", async () => {
    const original = await region.prisma.auditEntry.findUniqueOrThrow({
      where: { leafIndex: 19n },
      select: { subject: true },
    });
    expect(original.subject).toBe("thing:19");
    await sql([`UPDATE audit_entries SET subject = 'thing:forged' WHERE leaf_index = 19`]);
    try {
      await sql(await rebuildNodes());
      const result = await verifyRegionLog({ pageSize: PAGE });
      // Entries 0..15 are vouched for by the checkpoint at 16; the one at 24 no longer matches.
      expect(result).toMatchObject({ ok: false, brokenAt: 16 });
      expect(result.reason).toMatch(/the entries do not hash to the root signed at size 24/);
    } finally {
      await sql([`UPDATE audit_entries SET subject = 'thing:19' WHERE leaf_index = 19`]);
      await sql(await rebuildNodes());
    }
    expect(await verifyRegionLog()).toMatchObject({ ok: true });
  });

  it("a checkpoint re-signed with another key, or a stored root that differs from its note, is found", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const row = await region.prisma.auditCheckpoint.findUniqueOrThrow({ where: { size: 32n } });
    const forged = signCheckpoint(
      { origin: "terrane/eu-central-1", size: 32, root: Buffer.from(row.root), extensions: [] },
      { name: "terrane/eu-central-1", privateKey },
    );
    const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
    await detects(
      [`UPDATE audit_checkpoints SET note = ${quote(forged)} WHERE size = 32`],
      [`UPDATE audit_checkpoints SET note = ${quote(row.note)} WHERE size = 32`],
      24,
      /checkpoint at size 32 is not validly signed/,
    );
    await detects(
      [`UPDATE audit_checkpoints SET root = sha256(root) WHERE size = 40`],
      [
        `UPDATE audit_checkpoints SET root = '\\x${Buffer.from((await region.prisma.auditCheckpoint.findUniqueOrThrow({ where: { size: 40n } })).root).toString("hex")}' WHERE size = 40`,
      ],
      32,
      /stored at size 40 does not say what its signed note says/,
    );
  });

  it("two entries claiming one index (unique index dropped) are found", async () => {
    await detects(
      [`DROP INDEX audit_entries_leaf_index_key`, `UPDATE audit_entries SET leaf_index = 9 WHERE leaf_index = 10`],
      [
        `UPDATE audit_entries SET leaf_index = 10 WHERE leaf_index = 9 AND seq = (SELECT max(seq) FROM audit_entries WHERE leaf_index = 9)`,
        `CREATE UNIQUE INDEX "audit_entries_leaf_index_key" ON "audit_entries"("leaf_index")`,
      ],
      9,
      /two entries claim index 9|entry 9 does not match/,
    );
  });

  it("a log truncated together with its checkpoints is found through the witnesses' cosignatures", async () => {
    const tail = [
      `CREATE TABLE saved_e AS SELECT * FROM audit_entries WHERE leaf_index >= 40`,
      `CREATE TABLE saved_n AS SELECT * FROM audit_tree_nodes WHERE (index + 1) * (1::bigint << level) > 40`,
      `CREATE TABLE saved_c AS SELECT * FROM audit_checkpoints WHERE size > 40`,
      `DELETE FROM audit_entries WHERE leaf_index >= 40`,
      `DELETE FROM audit_tree_nodes WHERE (index + 1) * (1::bigint << level) > 40`,
      `DELETE FROM audit_checkpoints WHERE size > 40`,
    ];
    const restore = [
      `INSERT INTO audit_entries SELECT * FROM saved_e`,
      `INSERT INTO audit_tree_nodes SELECT * FROM saved_n`,
      `INSERT INTO audit_checkpoints SELECT * FROM saved_c`,
      `DROP TABLE saved_e`,
      `DROP TABLE saved_n`,
      `DROP TABLE saved_c`,
    ];
    await sql(tail);
    try {
      // Without outside evidence a consistent prefix is indistinguishable from a shorter log...
      expect(await verifyRegionLog()).toMatchObject({ ok: true, size: 40 });
      // ...but a witness that cosigned the longer tree is that evidence.
      await region.prisma.auditCosignature.create({
        data: {
          witness: "terrane-witness/me-central-1",
          size: 45n,
          line: "\u2014 terrane-witness/me-central-1 AAAA",
          cosignedAt: new Date(),
        },
      });
      const result = await verifyRegionLog();
      expect(result).toMatchObject({ ok: false, size: 40, brokenAt: 40 });
      expect(result.reason).toMatch(/witnesses cosigned a tree of 45 entries/);
    } finally {
      await region.prisma.auditCosignature.deleteMany({});
      await sql(restore);
    }
    expect(await verifyRegionLog()).toMatchObject({ ok: true, size: 45 });
  });

  it("the integrity panel shows the last run and its alert until a later run passes", async () => {
    await sql([`UPDATE audit_entries SET action = 'test.forged' WHERE leaf_index = 3`]);
    try {
      await verifyRegionLog();
      const broken = await latestIntegrity();
      expect(broken).toMatchObject({
        region: "eu-central-1",
        origin: "terrane/eu-central-1",
        treeSize: 45,
        witnesses: [],
        witnessing: [],
      });
      expect(broken.lastCheckpointAt).toBeInstanceOf(Date);
      expect(broken.lastVerification).toMatchObject({ ok: false, brokenAt: 3, treeSize: 45 });
      expect(broken.alerts.filter((a) => a.kind === "self_verification")).toEqual([
        expect.objectContaining({
          brokenAt: 3,
          subject: "terrane/eu-central-1",
          reason: expect.stringMatching(/entry 3 does not match/),
        }),
      ]);
    } finally {
      await sql([`UPDATE audit_entries SET action = 'lineage.reevaluated' WHERE leaf_index = 3`]);
    }
    await verifyRegionLog();
    const fixed = await latestIntegrity();
    expect(fixed.lastVerification).toMatchObject({ ok: true, brokenAt: null, reason: null });
    expect(fixed.alerts.filter((a) => a.kind === "self_verification")).toEqual([]);
  });

  it("a rolled-back change leaves no entry, and the next integration and verification are clean", async () => {
    const entries = await region.prisma.auditEntry.count();
    await expect(
      region.prisma.$transaction(async (tx) => {
        await appendAudit(tx, {
          actor: { type: "system", name: "test" },
          action: "lineage.reevaluated",
          outcome: "success",
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await region.prisma.auditEntry.count()).toBe(entries);
    expect(await integrateAll()).toBe(45);
    await appendEntries(region.prisma, 3);
    size = await integrateAll();
    expect(size).toBe(48);
    expect(await verifyRegionLog({ pageSize: PAGE })).toMatchObject({ ok: true, size: 48 });
  });

  it("the immutability triggers stop the same tampering when nobody switches them off", async () => {
    await expect(
      region.prisma.$executeRawUnsafe(`UPDATE audit_entries SET outcome = 'failure' WHERE leaf_index = 1`),
    ).rejects.toThrow(/immutable/);
    await expect(region.prisma.$executeRawUnsafe(`DELETE FROM audit_entries WHERE leaf_index = 1`)).rejects.toThrow(
      /immutable/,
    );
    await expect(
      region.prisma.$executeRawUnsafe(`UPDATE audit_tree_nodes SET hash = sha256(hash) WHERE level = 0 AND index = 1`),
    ).rejects.toThrow(/append-only/);
    expect(await verifyRegionLog()).toMatchObject({ ok: true });
  });
});

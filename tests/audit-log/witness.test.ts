import { generateKeyPairSync, randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signCheckpoint } from "@/modules/audit/domain/checkpoint";
import { cosignCheckpoint, verifyCosignedCheckpoint } from "@/modules/audit/domain/cosignature";
import { encodeVerifierKey, verifierFromKey } from "@/modules/audit/domain/keys";
import { SIG_TYPE_ED25519 } from "@/modules/audit/domain/note";
import { integrateAll } from "@/modules/audit/server/integrator";
import { latestIntegrity, verifyRegionLog } from "@/modules/audit/server/verifier";
import { collectCosignatures, witnessPeers, type WitnessOptions } from "@/modules/audit/server/witness";
import { prisma } from "@/platform/db/db";
import { regionKey } from "@/modules/audit/server/signing-keys";
import { DATABASE_KINDS } from "../helpers/databases";
import { appendEntries, asRogueDba } from "./log-helpers";
import { A, B, useTwoRegions } from "./two-regions";

const text = (body: string, status = 200) => new Response(body, { status, headers: { "content-type": "text/plain" } });
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe.each(DATABASE_KINDS)("regions witness each other's logs, on %s", (kind) => {
  const cluster = useTwoRegions(kind);
  let clock = new Date("2026-11-22T10:00:00Z");
  const options = (extra: WitnessOptions = {}): WitnessOptions => ({
    fetch: cluster.fetch,
    now: () => clock,
    ...extra,
  });
  const db = () => prisma();
  const tick = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));

  /** What B holds as its view of A's log. */
  const bView = () => cluster.as(B, async () => (await db()).witnessedLog.findUniqueOrThrow({ where: { region: A } }));
  const events = (region: string, kind: string) =>
    cluster.as(region, async () => (await db()).integrityEvent.findMany({ where: { kind }, orderBy: { at: "asc" } }));
  const get = async (region: string, path: string) =>
    cluster.fetch(`https://${region === A ? "eu" : "me"}.instance.test${path}`, {});
  /** The verifier (note) keys each region serves. */
  const keys = async (region: string) => ({
    log: (await (await get(region, "/api/v1/audit/key")).text()).trim(),
    witness: (await (await get(region, "/api/v1/audit/witness-key")).text()).trim(),
  });

  beforeAll(async () => {
    // Each region's two keys (their creation is audited: 2 entries), then some work: A's log has 11 entries.
    for (const [region, count] of [
      [A, 9],
      [B, 4],
    ] as const) {
      await cluster.as(region, async () => {
        await regionKey("audit-log");
        await regionKey("witness");
        await appendEntries(await db(), count);
        await integrateAll();
      });
    }
  });

  beforeEach(() => {
    cluster.override = undefined;
    cluster.requests.length = 0;
  });

  it("B cosigns A's checkpoint, A collects the cosignature and serves it with its checkpoint", async () => {
    const a = await keys(A);
    const b = await keys(B);
    const results = await cluster.as(B, () => witnessPeers(options()));
    expect(results).toEqual([
      { region: A, status: "cosigned", size: 11, previousSize: null, reason: null, alerted: false },
    ]);
    const view = await bView();
    expect(view).toMatchObject({ origin: `terrane/${A}`, verifierKey: a.log, size: 11n, checkedAt: clock });

    // B's public witness endpoint serves the view; the cosignature verifies with B's witness key.
    const served = (await (await get(B, `/api/v1/audit/witness/${A}`)).json()) as {
      checkpoint: string;
      cosignature: string;
      size: number;
    };
    expect(served).toMatchObject({ region: A, origin: `terrane/${A}`, size: 11, cosignature: view.cosignature });
    const checked = verifyCosignedCheckpoint(served.checkpoint, [verifierFromKey(a.log)], [verifierFromKey(b.witness)]);
    expect(checked.checkpoint.size).toBe(11);
    expect(checked.cosignatures).toEqual([
      expect.objectContaining({ name: `terrane-witness/${B}`, timestamp: BigInt(clock.getTime() / 1000) }),
    ]);

    const collected = await cluster.as(A, () => collectCosignatures(options()));
    expect(collected).toEqual([
      { region: B, status: "stored", size: 11, previousSize: null, reason: null, alerted: false },
    ]);
    const row = await cluster.as(A, async () => (await db()).auditCosignature.findFirstOrThrow());
    expect(row).toMatchObject({
      witness: `terrane-witness/${B}`,
      size: 11n,
      line: view.cosignature,
      cosignedAt: clock,
    });
    expect(
      await cluster.as(A, async () => (await db()).peerWitnessKey.findUniqueOrThrow({ where: { region: B } })),
    ).toMatchObject({
      name: `terrane-witness/${B}`,
      verifierKey: b.witness,
    });

    // Anyone holding both keys sees A's served checkpoint carry B's cosignature.
    const checkpoint = await (await get(A, "/api/v1/audit/checkpoint")).text();
    const opened = verifyCosignedCheckpoint(checkpoint, [verifierFromKey(a.log)], [verifierFromKey(b.witness)]);
    expect(opened.cosignatures.map((c) => c.name)).toEqual([`terrane-witness/${B}`]);

    // Asking again brings nothing new.
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "unchanged", size: 11 }),
    ]);
    const panel = await cluster.as(A, () => latestIntegrity({ now: () => clock }));
    expect(panel.witnesses).toEqual([
      { witness: `terrane-witness/${B}`, region: B, size: 11, cosignedAt: clock, receivedAt: expect.any(Date) },
    ]);

    // And the other way round: A witnesses B.
    expect(await cluster.as(A, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({ region: B, status: "cosigned" }),
    ]);
    expect((await cluster.as(A, () => latestIntegrity())).witnessing).toEqual([
      { region: B, size: expect.any(Number), checkedAt: clock },
    ]);
  });

  it("when A grows, B checks the consistency proof before cosigning again, and A collects the new cosignature", async () => {
    tick(5);
    await cluster.as(A, async () => {
      await appendEntries(await db(), 5);
      await integrateAll();
    });
    const results = await cluster.as(B, () => witnessPeers(options()));
    expect(results).toEqual([expect.objectContaining({ region: A, status: "cosigned", size: 16, previousSize: 11 })]);
    expect(cluster.requests).toContain(`${A} /api/v1/audit/consistency?from=11&to=16`);
    expect(await bView()).toMatchObject({ size: 16n, checkedAt: clock });

    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "stored", size: 16 }),
    ]);
    const sizes = await cluster.as(A, async () =>
      (await db()).auditCosignature.findMany({ orderBy: { size: "asc" }, select: { size: true } }),
    );
    expect(sizes).toEqual([{ size: 11n }, { size: 16n }]);

    // Unchanged: B re-cosigns the same checkpoint with a fresh time, and A keeps the newer one.
    tick(1);
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({ status: "cosigned", size: 16, previousSize: 16 }),
    ]);
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "stored", size: 16 }),
    ]);
    const latest = await cluster.as(A, async () =>
      (await db()).auditCosignature.findUniqueOrThrow({
        where: { witness_size: { witness: `terrane-witness/${B}`, size: 16n } },
      }),
    );
    expect(latest.cosignedAt).toEqual(clock);
  });

  it("a forked checkpoint of A (signed with A's key over another root) is refused, recorded once and shown; B keeps its view", async () => {
    tick(1);
    const before = await bView();
    // A's log grows to 18; then a rogue swaps the signed checkpoint for one over a different root.
    const real = await cluster.as(A, async () => {
      await appendEntries(await db(), 2);
      expect(await integrateAll()).toBe(18);
      const key = await regionKey("audit-log");
      const row = await (await db()).auditCheckpoint.findUniqueOrThrow({ where: { size: 18n } });
      const forged = signCheckpoint({ origin: `terrane/${A}`, size: 18, root: randomBytes(32), extensions: [] }, key);
      const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
      await asRogueDba(await db(), [`UPDATE audit_checkpoints SET note = ${q(forged)} WHERE size = 18`]);
      return row.note;
    });

    const refused = await cluster.as(B, () => witnessPeers(options()));
    expect(refused).toEqual([
      expect.objectContaining({
        region: A,
        status: "inconsistent",
        size: 18,
        previousSize: 16,
        alerted: true,
        reason: expect.stringMatching(/consistency proof from 16 to 18 entries does not verify/),
      }),
    ]);
    expect(await bView()).toEqual(before);
    const [event] = await events(B, "peer_inconsistent");
    expect(event).toMatchObject({ ok: false, subject: `region:${A}`, treeSize: 18n });
    expect(event!.detail).toMatchObject({ region: A, witnessed_size: 16, presented_size: 18 });

    // The same forgery next round is refused again but not recorded again.
    tick(1);
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({ status: "inconsistent", alerted: false }),
    ]);
    expect(await events(B, "peer_inconsistent")).toHaveLength(1);
    const panel = await cluster.as(B, () => latestIntegrity({ now: () => clock }));
    expect(panel.alerts).toEqual([
      expect.objectContaining({ kind: "peer_inconsistent", subject: `region:${A}`, treeSize: 18 }),
    ]);

    // A's own verifier sees it too: the entries do not hash to the root signed at 18.
    expect(await cluster.as(A, () => verifyRegionLog())).toMatchObject({ ok: false, brokenAt: 16, size: 18 });

    // Once A serves its real checkpoint again, B verifies the proof and moves on.
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    await cluster.as(A, async () =>
      asRogueDba(await db(), [`UPDATE audit_checkpoints SET note = ${q(real)} WHERE size = 18`]),
    );
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({ status: "cosigned", size: 18, previousSize: 16 }),
    ]);
  });

  it("a checkpoint with another root at the same size, or a smaller tree, is inconsistent", async () => {
    tick(1);
    const before = await bView();
    const { forged, old } = await cluster.as(A, async () => ({
      forged: signCheckpoint(
        { origin: `terrane/${A}`, size: 18, root: randomBytes(32), extensions: [] },
        await regionKey("audit-log"),
      ),
      old: (await (await db()).auditCheckpoint.findUniqueOrThrow({ where: { size: 11n } })).note,
    }));
    cluster.override = (region, path) =>
      region === A && path === "/api/v1/audit/checkpoint" ? text(forged) : undefined;
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({
        status: "inconsistent",
        size: 18,
        reason: "a different root for the same size 18",
        alerted: true,
      }),
    ]);
    cluster.override = (region, path) => (region === A && path === "/api/v1/audit/checkpoint" ? text(old) : undefined);
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({
        status: "inconsistent",
        size: 11,
        reason: "the tree shrank from 18 to 11 entries",
        alerted: true,
      }),
    ]);
    expect(await bView()).toEqual(before);
  });

  it("a changed log key is refused and recorded, the pinned key stays; a checkpoint by another key is invalid", async () => {
    tick(1);
    const before = await bView();
    const { privateKey } = generateKeyPairSync("ed25519");
    const impostor = encodeVerifierKey(`terrane/${A}`, SIG_TYPE_ED25519, privateKey);
    const forged = signCheckpoint(
      { origin: `terrane/${A}`, size: 18, root: Buffer.from(before.root), extensions: [] },
      { name: `terrane/${A}`, privateKey },
    );
    cluster.override = (region, path) => {
      if (region !== A) return undefined;
      if (path === "/api/v1/audit/key") return text(`${impostor}\n`);
      if (path === "/api/v1/audit/checkpoint") return text(forged);
      return undefined;
    };
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({ status: "key_changed", alerted: true }),
    ]);
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({ status: "key_changed", alerted: false }),
    ]);
    const [event] = await events(B, "peer_key_changed");
    expect(event!.detail).toMatchObject({ purpose: "audit-log", pinned: before.verifierKey, presented: impostor });
    // Same key as pinned, but the checkpoint is signed by someone else.
    cluster.override = (region, path) =>
      region === A && path === "/api/v1/audit/checkpoint" ? text(forged) : undefined;
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({
        status: "invalid",
        reason: expect.stringMatching(/^checkpoint refused/),
        alerted: true,
      }),
    ]);
    expect(await bView()).toEqual(before);
  });

  it("an unreachable peer is recorded at most once per interval and never stops the round", async () => {
    tick(1);
    cluster.override = (region) => {
      if (region === A) throw new TypeError("fetch failed");
      return undefined;
    };
    const first = await cluster.as(B, () => witnessPeers(options()));
    expect(first).toEqual([
      expect.objectContaining({
        region: A,
        status: "unreachable",
        alerted: true,
        reason: expect.stringMatching(/fetch failed/),
      }),
    ]);
    tick(5);
    cluster.override = (region) => (region === A ? text("overloaded", 503) : undefined);
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({ status: "unreachable", alerted: false }),
    ]);
    expect(await events(B, "peer_unreachable")).toHaveLength(1);
    tick(15);
    expect(await cluster.as(B, () => witnessPeers(options({ alertIntervalMs: 10 * 60_000 })))).toEqual([
      expect.objectContaining({ status: "unreachable", alerted: true }),
    ]);
    expect(await events(B, "peer_unreachable")).toHaveLength(2);
    // A slow peer times out rather than holding the round.
    cluster.override = (region) => (region === A ? new Promise<Response>(() => {}) : undefined);
    const slow: WitnessOptions = {
      now: () => clock,
      timeoutMs: 50,
      fetch: (url, init) =>
        Promise.race([
          cluster.fetch(url, init),
          new Promise<Response>((_, reject) =>
            init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
          ),
        ]),
    };
    expect(await cluster.as(B, () => witnessPeers(slow))).toEqual([expect.objectContaining({ status: "unreachable" })]);
    // Collecting from an unreachable witness is the same.
    cluster.override = (region) => (region === B ? text("down", 502) : undefined);
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ region: B, status: "unreachable" }),
    ]);
    // While A is unreachable the alert is open; once B checks A again it is not.
    cluster.override = undefined;
    expect((await cluster.as(B, () => latestIntegrity({ now: () => clock }))).alerts.map((a) => a.kind)).toContain(
      "peer_unreachable",
    );
    expect(await cluster.as(B, () => witnessPeers(options()))).toEqual([
      expect.objectContaining({ status: "cosigned" }),
    ]);
    expect((await cluster.as(B, () => latestIntegrity({ now: () => clock }))).alerts.map((a) => a.kind)).not.toContain(
      "peer_unreachable",
    );
  });

  it("A refuses cosignatures that are not by the pinned witness key over exactly its checkpoint", async () => {
    tick(1);
    const stored = await cluster.as(A, async () => (await db()).auditCosignature.count());
    const real = (await (await get(B, `/api/v1/audit/witness/${A}`)).json()) as {
      region: string;
      origin: string;
      size: number;
      checkpoint: string;
      cosignature: string;
    };
    const { privateKey } = generateKeyPairSync("ed25519");
    const aLog = verifierFromKey((await keys(A)).log);
    const serve = (body: unknown) => (region: string, path: string) =>
      region === B && path === `/api/v1/audit/witness/${A}` ? json(body) : undefined;

    // Signed by another key under B's witness name.
    const other = cosignCheckpoint(
      real.checkpoint,
      { name: `terrane-witness/${B}`, privateKey, timestamp: clock.getTime() / 1000 },
      [aLog],
    );
    const otherLine = other.note.trimEnd().split("\n").at(-1)!;
    cluster.override = serve({ ...real, cosignature: otherLine });
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "invalid", reason: expect.stringMatching(/cosignature refused/) }),
    ]);

    // B's real line, claimed for another size.
    cluster.override = serve({ ...real, size: 16 });
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "invalid", reason: expect.stringMatching(/malformed/) }),
    ]);

    // A view of a checkpoint A never signed.
    const foreign = signCheckpoint(
      { origin: `terrane/${A}`, size: 17, root: randomBytes(32), extensions: [] },
      { name: `terrane/${A}`, privateKey },
    );
    cluster.override = serve({ ...real, size: 17, checkpoint: foreign });
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({
        status: "invalid",
        reason: expect.stringMatching(/not a checkpoint this region signed/),
      }),
    ]);

    // A view of a checkpoint signed with A's key that A never stored: a split view.
    const split = await cluster.as(A, async () =>
      signCheckpoint(
        { origin: `terrane/${A}`, size: real.size, root: randomBytes(32), extensions: [] },
        await regionKey("audit-log"),
      ),
    );
    cluster.override = serve({ ...real, checkpoint: split });
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({
        status: "inconsistent",
        reason: expect.stringMatching(/signed with this region's key that this region never stored/),
      }),
    ]);
    expect(await events(A, "peer_inconsistent")).toHaveLength(1);

    // A cosignature dated well in the future.
    const future = await cluster.as(B, async () => {
      const key = await regionKey("witness");
      return cosignCheckpoint(
        real.checkpoint,
        { name: key.name, privateKey: key.privateKey, timestamp: clock.getTime() / 1000 + 3600 },
        [aLog],
      );
    });
    cluster.override = serve({ ...real, cosignature: future.note.trimEnd().split("\n").at(-1)! });
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "invalid", reason: expect.stringMatching(/future/) }),
    ]);

    // A different witness key than the pinned one.
    cluster.override = (region, path) =>
      region === B && path === "/api/v1/audit/witness-key"
        ? text(`${encodeVerifierKey(`terrane-witness/${B}`, 0x04, privateKey)}\n`)
        : undefined;
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "key_changed", alerted: true }),
    ]);
    expect((await events(A, "peer_key_changed"))[0]!.detail).toMatchObject({ purpose: "witness" });

    // Malformed answers.
    cluster.override = serve({ region: A, size: "many" });
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "invalid" }),
    ]);
    cluster.override = (region, path) =>
      region === B && path.startsWith("/api/v1/audit/witness/") ? text("x".repeat(200_000)) : undefined;
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "invalid" }),
    ]);

    expect(await cluster.as(A, async () => (await db()).auditCosignature.count())).toBe(stored);
    // And the genuine one is still accepted.
    cluster.override = undefined;
    expect(await cluster.as(A, () => collectCosignatures(options()))).toEqual([
      expect.objectContaining({ status: "stored", size: real.size }),
    ]);
  });

  it("both logs still verify in full after all of this", async () => {
    expect(await cluster.as(A, () => verifyRegionLog())).toMatchObject({ ok: true, size: 18 });
    expect(await cluster.as(B, () => verifyRegionLog())).toMatchObject({ ok: true });
  });
});

/**
 * Audit-log Merkle core, measured: `node --import tsx bench/audit-merkle.ts [leaves]`
 * (default 1,000,000). Prints figures; asserts nothing except that the results are correct.
 *
 *  1. Plain SHA-256 over the n·32 bytes of leaf hashes, in one call — the floor.
 *  2. The RFC 9162 root of those n leaf hashes with the incremental appender, without and with
 *     storing every completed node (what integration does); and the per-hash cost.
 *  3. "Full verification" of n audit entries: hash each entry's canonical JSON as a leaf and
 *     rebuild the root, next to plain SHA-256 over the same entry bytes (the ratio that matters).
 *  4. Inclusion and consistency proof generation from the node store at size n.
 *  5. Integrating one batch on top of n leaves, resuming from the stored frontier.
 */
import { randomBytes, createHash, randomInt } from "node:crypto";
import os from "node:os";
import { canonicalJsonBytes } from "../modules/audit/domain/canonical-json";
import {
  CompactRange,
  MemoryNodeStore,
  consistencyProof,
  frontierNodes,
  inclusionProof,
  leafHash,
  nodeHash,
  rootAt,
  verifyConsistency,
  verifyInclusion,
} from "../modules/audit/domain/merkle";

const N = Number(process.argv[2] ?? 1_000_000);
const ms = (t0: number) => performance.now() - t0;
const fmt = (x: number, d = 1) => x.toFixed(d).padStart(9);

/** Best of `runs` (the machine may be shared; the minimum is the least disturbed run). */
async function best<T>(runs: number, f: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  let bestMs = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await f();
    bestMs = Math.min(bestMs, ms(t0));
  }
  return { ms: bestMs, value };
}

function line(label: string, millis: number, note = ""): void {
  console.log(`${label.padEnd(72)}${fmt(millis)} ms  ${note}`);
}

function each(label: string, millis: number, note = ""): void {
  console.log(`${label.padEnd(72)}${fmt(millis * 1000)} µs  ${note}`);
}

async function main(): Promise<void> {
  console.log(`audit-merkle bench: ${N.toLocaleString("en")} leaves`);
  console.log(
    `node ${process.version}, ${os.cpus()[0]?.model ?? "?"} ×${os.cpus().length}, load avg ${os.loadavg()[0]!.toFixed(1)}\n`,
  );

  // --- 1 & 2: root of N leaf hashes --------------------------------------------------------
  const slab = randomBytes(N * 32);
  const leaves = Array.from({ length: N }, (_, i) => slab.subarray(i * 32, i * 32 + 32));

  const plain = await best(3, () => createHash("sha256").update(slab).digest());
  line(`plain SHA-256 over ${(slab.length / 2 ** 20).toFixed(0)} MiB (one call)`, plain.ms);

  const bare = await best(3, () => {
    const r = CompactRange.empty();
    for (const l of leaves) r.append(l);
    return r.root();
  });
  line("RFC 9162 root, incremental appender (no storage)", bare.ms, `${fmt(bare.ms / plain.ms, 0)}× plain`);

  const store = new MemoryNodeStore();
  const stored = await best(1, () => {
    const r = CompactRange.empty();
    for (const l of leaves) r.append(l, store.sink);
    return r.root();
  });
  if (!stored.value.equals(bare.value)) throw new Error("roots differ");
  line("  … also keeping every completed node in memory", stored.ms, `${fmt(stored.ms / plain.ms, 0)}× plain`);

  const a = leaves[0]!;
  const b = leaves[1]!;
  const per = await best(3, () => {
    for (let i = 0; i < 200_000; i++) nodeHash(a, b);
  });
  const perCreate = await best(3, () => {
    for (let i = 0; i < 200_000; i++)
      createHash("sha256")
        .update(Buffer.from([1]))
        .update(a)
        .update(b)
        .digest();
  });
  each("  one interior hash, nodeHash (crypto.hash)", per.ms / 200_000, "a tree of n leaves costs n−1 of these");
  each("  one interior hash, the createHash way, for comparison", perCreate.ms / 200_000);

  // --- 3: full verification of N entries -------------------------------------------------
  const entries = Array.from({ length: N }, (_, i) =>
    canonicalJsonBytes({
      action: "token.created",
      actor: { country: "DE", employer: "Terrane GmbH", id: `user-${i}`, type: "user" },
      details: { scopes: ["read"], token_id: `tok-${i}` },
      outcome: "success",
      region: "eu-central-1",
      salt: randomBytes(16).toString("hex"),
      subject: `token/${i}`,
      tenant: "northwind-eu",
      time: new Date(1_750_000_000_000 + i * 1000).toISOString(),
    }),
  );
  const all = Buffer.concat(entries);
  const plainEntries = await best(3, () => createHash("sha256").update(all).digest());
  const verify = await best(2, () => {
    const r = CompactRange.empty();
    for (const e of entries) r.append(leafHash(e));
    return r.root();
  });
  console.log();
  line(
    `plain SHA-256 over the entries' ${(all.length / 2 ** 20).toFixed(0)} MiB (avg ${Math.round(all.length / N)} B)`,
    plainEntries.ms,
  );
  line(
    "full verification: leaf-hash every entry + rebuild the root",
    verify.ms,
    `${fmt(verify.ms / plainEntries.ms, 1)}× plain`,
  );

  // --- 4: proofs from the node store at size N ------------------------------------------------
  console.log();
  const root = await rootAt(store, N);
  if (!root.equals(bare.value)) throw new Error("store root differs");
  const PROOFS = 20_000;
  const idx = Array.from({ length: PROOFS }, () => randomInt(N));
  const incl = await best(2, async () => {
    for (const i of idx) await inclusionProof(store, i, N);
  });
  each(
    `inclusion proof from the node store at ${N.toLocaleString("en")} (each)`,
    incl.ms / PROOFS,
    `${Math.round(PROOFS / (incl.ms / 1000)).toLocaleString("en")} proofs/s`,
  );
  const sample = await inclusionProof(store, idx[0]!, N);
  if (!verifyInclusion(leaves[idx[0]!]!, idx[0]!, N, sample, root)) throw new Error("proof does not verify");
  const ver = await best(2, () => {
    for (let k = 0; k < 5000; k++) verifyInclusion(leaves[idx[0]!]!, idx[0]!, N, sample, root);
  });
  each("  verifying one (RFC 9162 §2.1.3.2)", ver.ms / 5000, `${sample.length} hashes`);

  const olds = Array.from({ length: 2000 }, () => 1 + randomInt(N - 1));
  const cons = await best(2, async () => {
    for (const m of olds) await consistencyProof(store, m, N);
  });
  each(`consistency proof m → ${N.toLocaleString("en")} from the node store (each)`, cons.ms / olds.length);
  const m0 = olds[0]!;
  const cp = await consistencyProof(store, m0, N);
  if (!verifyConsistency(m0, N, await rootAt(store, m0), root, cp))
    throw new Error("consistency proof does not verify");
  const rootTime = await best(2, async () => {
    for (const m of olds) await rootAt(store, m);
  });
  each("root at any earlier size from the node store (each)", rootTime.ms / olds.length);

  // --- 5: integrating a batch on top of N -----------------------------------------------------
  console.log();
  for (const batch of [1, 100, 1000, 10_000]) {
    const fresh = Array.from({ length: batch }, () => randomBytes(32));
    const t = await best(3, async () => {
      const hashes = await store.readNodes(frontierNodes(N));
      const r = CompactRange.fromFrontier({ size: N, hashes });
      const nodes = r.appendAll(fresh);
      return { root: r.root(), nodes: nodes.length };
    });
    line(
      `integrate ${batch.toLocaleString("en")} ${batch === 1 ? "leaf" : "leaves"} on top of ${N.toLocaleString("en")} (resume, append, root)`,
      t.ms,
      `${t.value.nodes} nodes to store`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

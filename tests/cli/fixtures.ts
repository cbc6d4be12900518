/**
 * Realistic region logs built in memory with modules/audit/domain, and fake region instances serving the
 * public audit API exactly as app/api/v1/audit/* and modules/audit/server/public-log.ts do (same page
 * bound, clamping and 400s), through a fake fetch or a real node:http server.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { signCheckpoint, terraneOrigin } from "@/modules/audit/domain/checkpoint";
import { SIG_TYPE_COSIGNATURE_V1, cosignCheckpoint } from "@/modules/audit/domain/cosignature";
import { ed25519Verifier } from "@/modules/audit/domain/ed25519";
import { encodeVerifierKey } from "@/modules/audit/domain/keys";
import { CompactRange, MemoryNodeStore, leafHash } from "@/modules/audit/domain/merkle";
import { SIG_TYPE_ED25519 } from "@/modules/audit/domain/note";
import { consistencyProof, inclusionProof } from "@/modules/audit/domain/proofs";
import { createTlogProof } from "@/modules/audit/domain/tlog-proof";
import type { Hash } from "@/modules/audit/domain/hash";

export interface KeyPair {
  readonly name: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly vkey: string;
}

export function logKeyPair(region: string): KeyPair {
  const name = terraneOrigin(region);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { name, privateKey, publicKey, vkey: encodeVerifierKey(name, SIG_TYPE_ED25519, publicKey) };
}

export function witnessKeyPair(region: string): KeyPair {
  const name = `terrane-witness/${region}`;
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { name, privateKey, publicKey, vkey: encodeVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey) };
}

const ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "token.created",
  "membership.added",
  "residency.refused",
  "token.revoked",
];

/** An entry shaped like modules/audit/server/leaf.ts leafContent(). */
export function makeEntry(i: number, region: string, salt = randomBytes(16).toString("base64url")) {
  const staff = i % 5 === 4;
  return {
    v: 1,
    id: `ae_${region}_${i.toString().padStart(6, "0")}`,
    at: new Date(Date.UTC(2025, 4, 1, 9, 0, i)).toISOString(),
    region,
    actor: staff
      ? { type: "staff", id: `st_${i}`, employer: "Terrane Ops GmbH", country: "DE" }
      : { type: "user", id: `u_${i % 7}`, employer: null, country: null },
    tenant: i % 3 === 0 ? null : `t_acme_${region}`,
    action: ACTIONS[i % ACTIONS.length]!,
    subject: i % 2 === 0 ? `token:tk_${i}` : null,
    outcome: i % 6 === 1 ? "failure" : "success",
    details: { ip_country: "DE", n: i, note: "ünïcödé ✓" },
    salt,
  };
}

/** One region's log: entries, the tree, and its latest signed (and cosigned) checkpoint. */
export class RegionLog {
  readonly origin: string;
  readonly entries: Buffer[] = [];
  readonly leaves: Hash[] = [];
  readonly store = new MemoryNodeStore();
  readonly range = CompactRange.empty();
  /** Signed note (with cosignatures) by tree size. */
  readonly checkpoints = new Map<number, string>();
  note = "";

  constructor(
    readonly region: string,
    readonly key: KeyPair = logKeyPair(region),
    readonly witnesses: KeyPair[] = [],
  ) {
    this.origin = terraneOrigin(region);
  }

  /** Appends `n` entries (or raw leaf hashes, for large logs) and signs a new checkpoint. */
  grow(n: number, options: { rawLeaves?: boolean; entries?: Record<string, unknown>[] } = {}): this {
    for (let k = 0; k < n; k++) {
      const i = this.leaves.length;
      let leaf: Hash;
      if (options.rawLeaves) {
        leaf = leafHash(Buffer.from(`leaf ${i}`));
        this.entries.push(Buffer.alloc(0));
      } else {
        const bytes = canonicalJsonBytes(options.entries?.[k] ?? makeEntry(i, this.region));
        this.entries.push(bytes);
        leaf = leafHash(bytes);
      }
      this.leaves.push(leaf);
      this.range.append(leaf, this.store.sink);
    }
    return this.sign();
  }

  sign(timestamp = 1_746_090_000): this {
    let note = signCheckpoint(
      { origin: this.origin, size: this.range.size, root: this.range.root(), extensions: [] },
      this.key,
    );
    const logVerifier = ed25519Verifier(this.key.name, this.key.publicKey);
    for (const w of this.witnesses) note = cosignCheckpoint(note, { ...w, timestamp }, [logVerifier]).note;
    this.note = note;
    this.checkpoints.set(this.range.size, note);
    return this;
  }

  get size(): number {
    return this.range.size;
  }

  /** The tlog-proof Terrane's portal serves: extra = the entry's canonical JSON bytes. */
  proof(index: number, options: { extra?: boolean } = {}): Promise<string> {
    return createTlogProof(this.store, index, this.note, options.extra === false ? undefined : this.entries[index]);
  }
}

const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ type: "about:blank", title: "Bad request", status, detail, code }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
const text = (body: string) => new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
const json = (body: unknown) => Response.json(body);
const hex = (h: Uint8Array) => Buffer.from(h).toString("hex");
const INDEX = /^(0|[1-9][0-9]{0,15})$/;

/**
 * A region instance's public audit API over a RegionLog. `served*` fields are what the
 * instance answers and can be tampered with; proofs come from the log's tree (`log.store`)
 * unless `proofsFromServed` (then the tree is rebuilt from the served leaves, as when the
 * node table itself was rewritten).
 */
export class FakeRegion {
  servedLeaves: Hash[];
  servedCheckpoint: string;
  servedKey: string;
  witness: KeyPair;
  url: string;
  peers: FakeRegion[] = [];
  proofsFromServed = false;
  /** Count of requests per path, to check paging. */
  readonly hits = new Map<string, number>();
  failWith?: number;

  constructor(
    readonly log: RegionLog,
    url = `http://${log.region}.terrane.test`,
  ) {
    this.url = url;
    this.servedLeaves = [...log.leaves];
    this.servedCheckpoint = log.note;
    this.servedKey = log.key.vkey;
    this.witness = witnessKeyPair(log.region);
  }

  /** Re-reads the log after it grew (as an honest instance would). */
  refresh(): this {
    this.servedLeaves = [...this.log.leaves];
    this.servedCheckpoint = this.log.note;
    this.servedKey = this.log.key.vkey;
    return this;
  }

  private get size(): number {
    return Number(this.servedCheckpoint.split("\n")[1]);
  }

  private proofStore(): MemoryNodeStore {
    if (!this.proofsFromServed) return this.log.store;
    const store = new MemoryNodeStore();
    const range = CompactRange.empty();
    for (const leaf of this.servedLeaves) range.append(leaf, store.sink);
    return store;
  }

  async handle(url: URL): Promise<Response> {
    this.hits.set(url.pathname, (this.hits.get(url.pathname) ?? 0) + 1);
    if (this.failWith) return problem(this.failWith, "unavailable", "The region is unavailable.");
    const q = url.searchParams;
    const num = (name: string): number | undefined | null => {
      const v = q.get(name);
      if (v === null) return undefined;
      return INDEX.test(v) ? Number(v) : null;
    };
    switch (url.pathname) {
      case "/api/v1/audit/checkpoint":
        return text(this.servedCheckpoint);
      case "/api/v1/audit/key":
        return text(`${this.servedKey}\n`);
      case "/api/v1/audit/witness-key":
        return text(`${this.witness.vkey}\n`);
      case "/api/v1/regions":
        return json({
          current: this.log.region,
          regions: [this, ...this.peers].map((r) => ({
            id: r.log.region,
            name: r.log.region,
            url: r.url,
            tiers: ["managed"],
          })),
        });
      case "/api/v1/audit/leaves": {
        const start = num("start") ?? 0;
        const end = num("end");
        if (start === null || end === null) return problem(400, "bad_request", "must be a non-negative whole number");
        const size = this.size;
        const stop = Math.min(end ?? start + 1000, size);
        if (start > size)
          return problem(400, "out_of_range", `start ${start} is beyond the log's current size ${size}.`);
        if (stop < start) return problem(400, "out_of_range", "end must not be before start.");
        if (stop - start > 1000) return problem(400, "page_too_large", "Ask for at most 1000 leaves at a time.");
        return json({ start, end: stop, size, leaves: this.servedLeaves.slice(start, stop).map(hex) });
      }
      case "/api/v1/audit/consistency": {
        const from = num("from");
        const to = num("to");
        if (from == null || to == null) return problem(400, "bad_request", "from and to are required whole numbers");
        if (from > to) return problem(400, "out_of_range", "from must not be greater than to.");
        if (to > this.size)
          return problem(400, "out_of_range", `to ${to} is beyond the log's current size ${this.size}.`);
        const proof = from === 0 || from === to ? [] : await consistencyProof(this.proofStore(), from, to);
        return json({ from, to, proof: proof.map(hex) });
      }
      case "/api/v1/audit/proof": {
        const index = num("index");
        const sizeParam = num("size");
        if (index == null || sizeParam === null) return problem(400, "bad_request", "index is required");
        const size = sizeParam ?? this.size;
        const note = sizeParam === undefined ? this.servedCheckpoint : this.log.checkpoints.get(size);
        if (note === undefined)
          return problem(400, "no_checkpoint_at_size", `The region signed no checkpoint of size ${size}.`);
        if (index >= size) return problem(400, "out_of_range", `Leaf ${index} is not in a tree of ${size} leaves.`);
        const store = this.proofStore();
        if (q.get("format") === "tlog-proof") return text(await createTlogProof(store, index, note));
        const [leaf] = await store.readNodes([{ level: 0, index }]);
        const proof = await inclusionProof(store, index, size);
        return json({ index, size, leaf_hash: hex(leaf!), proof: proof.map(hex), checkpoint: note });
      }
      default:
        return problem(404, "not_found", "Not found.");
    }
  }
}

/** A fake fetch over several regions, by origin; unknown hosts fail like a refused connection. */
export function fakeFetch(...regions: FakeRegion[]) {
  return async (input: string): Promise<Response> => {
    const url = new URL(input);
    const region = regions.find((r) => new URL(r.url).origin === url.origin);
    if (!region)
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error(`connect ECONNREFUSED ${url.host}`), { code: "ECONNREFUSED" }),
      });
    return region.handle(url);
  };
}

/** Serves a FakeRegion on 127.0.0.1 with node:http; sets its url. */
export async function listen(region: FakeRegion): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const response = await region.handle(new URL(req.url ?? "/", region.url));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  region.url = `http://127.0.0.1:${port}`;
  return {
    url: region.url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Captured output of an in-process run. */
export interface Captured {
  code: number;
  out: string;
  err: string;
  json: () => Record<string, unknown>;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], io: Partial<import("@/cli/io").CliIo> = {}): Promise<Captured> {
  const { main } = await import("@/cli/main");
  let out = "";
  let err = "";
  const code = await main(argv, {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    fetch: async () => {
      throw new TypeError("fetch failed: no network in this test");
    },
    now: () => new Date(Date.UTC(2025, 4, 2)),
    ...io,
  });
  return { code, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}

/**
 * The region instance's public audit API, over an injectable fetch. Every response is checked
 * against the contract; anything else is a NetworkError (exit 3): the CLI could not get the
 * data, which is different from getting data that does not verify (exit 1).
 *
 *   GET /api/v1/audit/checkpoint                 text/plain signed note (with cosignatures)
 *   GET /api/v1/audit/key                        text/plain note verifier key of the log
 *   GET /api/v1/audit/witness-key                text/plain cosignature/v1 verifier key
 *   GET /api/v1/audit/leaves?start=&end=         { start, end, size, leaves: [hex] }, ≤ 1000, end exclusive
 *   GET /api/v1/audit/consistency?from=&to=      { from, to, proof: [hex] }
 *   GET /api/v1/audit/proof?index=&size=         { index, size, leaf_hash, proof: [hex], checkpoint }
 *   GET /api/v1/audit/proof?index=&format=tlog-proof   text/plain tlog-proof
 *   GET /api/v1/regions                          { current, regions: [{ id, url, … }] }
 */
import { NetworkError, UsageError } from "../errors";
import type { FetchLike } from "../io";

export const MAX_LEAVES_PAGE = 1000;

export interface LeavesPage {
  readonly start: number;
  readonly end: number;
  readonly size: number;
  readonly leaves: readonly Buffer[];
}

export interface ConsistencyAnswer {
  readonly from: number;
  readonly to: number;
  readonly proof: readonly Buffer[];
}

export interface InclusionAnswer {
  readonly index: number;
  readonly size: number;
  readonly leafHash: Buffer;
  readonly proof: readonly Buffer[];
  readonly checkpoint: string;
}

export interface RegionInfo {
  readonly id: string;
  readonly url: string;
}

/** An instance URL as given on the command line: http(s), no query, no trailing slash. */
export function normaliseInstanceUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError("bad_arguments", `--url ${raw} is not a URL (e.g. https://eu.terrane.example)`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new UsageError("bad_arguments", `--url must be http(s), got ${u.protocol}`);
  if (u.search || u.hash)
    throw new UsageError("bad_arguments", "--url is the instance's base URL, without a query or fragment");
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

const HEX_HASH = /^[0-9a-fA-F]{64}$/;

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

export class AuditClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: FetchLike,
    private readonly timeoutMs = 30_000,
  ) {}

  private async request(path: string): Promise<{ res: Response; url: string }> {
    const url = `${this.baseUrl}${path}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: "application/json, text/plain;q=0.9" },
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const why =
        err.name === "TimeoutError"
          ? `no answer within ${this.timeoutMs / 1000}s`
          : (err.cause?.code ?? err.cause?.message ?? err.message);
      throw new NetworkError("unreachable", `cannot reach ${url}: ${why}`, { url });
    }
    if (!res.ok) {
      let detail = "";
      try {
        const body = await res.text();
        const problem = JSON.parse(body) as { detail?: unknown; code?: unknown };
        if (typeof problem.detail === "string")
          detail = `: ${problem.detail}${typeof problem.code === "string" ? ` (${problem.code})` : ""}`;
      } catch {
        // not problem+json: the status says enough
      }
      throw new NetworkError("http_error", `${url} answered HTTP ${res.status}${detail}`, { url, status: res.status });
    }
    return { res, url };
  }

  private async text(path: string): Promise<{ body: string; url: string }> {
    const { res, url } = await this.request(path);
    const type = res.headers.get("content-type") ?? "";
    if (/html/i.test(type))
      throw new NetworkError(
        "bad_response",
        `${url} answered with a web page, not the audit API (is --url the instance's base URL?)`,
        { url },
      );
    let body: string;
    try {
      body = await res.text();
    } catch (e) {
      throw new NetworkError("unreachable", `reading ${url} failed: ${(e as Error).message}`, { url });
    }
    return { body, url };
  }

  private async json(path: string): Promise<{ body: Record<string, unknown>; url: string }> {
    const { body, url } = await this.text(path);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new NetworkError("bad_response", `${url} did not answer JSON`, { url });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new NetworkError("bad_response", `${url} did not answer a JSON object`, { url });
    }
    return { body: parsed as Record<string, unknown>, url };
  }

  private static hashes(v: unknown, url: string, what: string): Buffer[] {
    if (!Array.isArray(v) || !v.every((h) => typeof h === "string" && HEX_HASH.test(h))) {
      throw new NetworkError("bad_response", `${url}: "${what}" is not a list of hex SHA-256 hashes`, { url });
    }
    return v.map((h: string) => Buffer.from(h, "hex"));
  }

  /** The signed checkpoint note, verbatim. */
  async checkpoint(): Promise<string> {
    return (await this.text("/api/v1/audit/checkpoint")).body;
  }

  /** The log's note verifier key (one line). */
  async logKey(): Promise<string> {
    return (await this.text("/api/v1/audit/key")).body.trim();
  }

  /** This instance's witness (cosignature/v1) verifier key. */
  async witnessKey(): Promise<string> {
    return (await this.text("/api/v1/audit/witness-key")).body.trim();
  }

  async leaves(start: number, end: number): Promise<LeavesPage> {
    const { body, url } = await this.json(`/api/v1/audit/leaves?start=${start}&end=${end}`);
    if (body.start !== start || !isCount(body.end) || body.end < start || body.end > end || !isCount(body.size)) {
      throw new NetworkError(
        "bad_response",
        `${url}: the page does not answer the range asked for (got start ${String(body.start)}, end ${String(body.end)})`,
        { url },
      );
    }
    const leaves = AuditClient.hashes(body.leaves, url, "leaves");
    if (leaves.length > body.end - start) {
      throw new NetworkError("bad_response", `${url}: ${leaves.length} leaves for the range [${start}, ${body.end})`, {
        url,
      });
    }
    return { start, end: body.end, size: body.size, leaves };
  }

  async consistency(from: number, to: number): Promise<ConsistencyAnswer> {
    const { body, url } = await this.json(`/api/v1/audit/consistency?from=${from}&to=${to}`);
    if (body.from !== from || body.to !== to) {
      throw new NetworkError(
        "bad_response",
        `${url}: the proof is for ${String(body.from)}→${String(body.to)}, not ${from}→${to}`,
        { url },
      );
    }
    return { from, to, proof: AuditClient.hashes(body.proof, url, "proof") };
  }

  async inclusion(index: number, size: number): Promise<InclusionAnswer> {
    const { body, url } = await this.json(`/api/v1/audit/proof?index=${index}&size=${size}`);
    if (
      body.index !== index ||
      body.size !== size ||
      typeof body.leaf_hash !== "string" ||
      !HEX_HASH.test(body.leaf_hash) ||
      typeof body.checkpoint !== "string"
    ) {
      throw new NetworkError("bad_response", `${url}: not an inclusion proof for leaf ${index} in a tree of ${size}`, {
        url,
      });
    }
    return {
      index,
      size,
      leafHash: Buffer.from(body.leaf_hash, "hex"),
      proof: AuditClient.hashes(body.proof, url, "proof"),
      checkpoint: body.checkpoint,
    };
  }

  /** The tlog-proof text for a leaf (against the latest checkpoint, or the one of `size`). */
  async tlogProof(index: number, size?: number): Promise<string> {
    const q = `index=${index}${size !== undefined ? `&size=${size}` : ""}&format=tlog-proof`;
    return (await this.text(`/api/v1/audit/proof?${q}`)).body;
  }

  async regions(): Promise<{ current: string; regions: RegionInfo[] }> {
    const { body, url } = await this.json("/api/v1/regions");
    const list = Array.isArray(body.regions) ? body.regions : null;
    if (typeof body.current !== "string" || list === null) {
      throw new NetworkError("bad_response", `${url}: not a region list`, { url });
    }
    const regions: RegionInfo[] = [];
    for (const r of list) {
      // A region listed with `instance: false` runs no Terrane instance, so it witnesses nothing.
      const runsInstance = !(r && typeof r === "object" && (r as { instance?: unknown }).instance === false);
      if (
        r &&
        typeof r === "object" &&
        runsInstance &&
        typeof (r as RegionInfo).id === "string" &&
        typeof (r as RegionInfo).url === "string"
      ) {
        regions.push({ id: (r as RegionInfo).id, url: (r as RegionInfo).url });
      }
    }
    return { current: body.current, regions };
  }
}

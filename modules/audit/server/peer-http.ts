import "server-only";
import { readStreamLimited } from "@/platform/http/read-limited";

/**
 * How this instance talks to other regions' audit endpoints (as a witness, and to collect the
 * cosignatures they make): short timeouts, no redirects, bounded bodies. The fetch is
 * injectable so tests can wire regions together in one process.
 */
export type PeerFetch = (url: string, init: RequestInit) => Promise<Response>;

export const DEFAULT_PEER_TIMEOUT_MS = 5_000;
/** A checkpoint with up to 100 signature lines, a key, or a consistency proof: all far below this. */
const MAX_BODY_BYTES = 64 * 1024;

/** The peer did not answer usefully right now (network, timeout, 5xx): try again later. */
export class PeerUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PeerUnreachableError";
  }
}

/** The peer answered, but not with what the contract says (4xx, wrong type, malformed). */
export class PeerResponseError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "PeerResponseError";
  }
}

export interface PeerClientOptions {
  fetch?: PeerFetch;
  timeoutMs?: number;
}

export class PeerClient {
  readonly #fetch: PeerFetch;
  readonly #timeoutMs: number;

  constructor(
    readonly baseUrl: string,
    options: PeerClientOptions = {},
  ) {
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_PEER_TIMEOUT_MS;
  }

  /** GET `path`; null on 404 when `allowMissing`. */
  async text(path: string, allowMissing = false): Promise<string | null> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: "GET",
        redirect: "error",
        headers: { accept: "text/plain, application/json" },
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (err) {
      throw new PeerUnreachableError(`GET ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (response.status === 404 && allowMissing) {
      await response.body?.cancel().catch(() => {});
      return null;
    }
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel().catch(() => {});
      throw new PeerUnreachableError(`GET ${path}: HTTP ${response.status}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      throw new PeerResponseError(`GET ${path}: HTTP ${response.status}`, response.status);
    }
    try {
      return await readLimited(response, MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof PeerResponseError) throw err;
      throw new PeerUnreachableError(`GET ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async json(path: string, allowMissing = false): Promise<unknown> {
    const body = await this.text(path, allowMissing);
    if (body === null) return null;
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new PeerResponseError(`GET ${path}: the answer is not JSON`);
    }
  }
}

function readLimited(response: Response, max: number): Promise<string> {
  return readStreamLimited(response.body, max, () => new PeerResponseError(`answer larger than ${max} bytes`));
}

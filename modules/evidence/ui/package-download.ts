import { formatDuration } from "@/platform/format";
import { ApiProblem } from "@/platform/http/client-fetch";

/**
 * Reading an evidence package from the API: the ZIP is streamed without a Content-Length, so the
 * browser counts the bytes as they come (for the progress) and keeps them until the end, then saves
 * them as one file. A refusal (4xx) is JSON, an RFC 9457 problem or `{error: {code, message}}`.
 */
export interface DownloadedPackage {
  blob: Blob;
  filename: string;
  downloadId: string | null;
  bytes: number;
}

/** The download stopped after it started: the connection or the server broke off mid-stream. */
export class PackageInterrupted extends Error {
  constructor(
    readonly bytes: number,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "PackageInterrupted";
  }
}

/** The file name the server gives (`filename*=UTF-8''…` first, then `filename="…"`), made safe to save. */
export function filenameFrom(contentDisposition: string | null, fallback: string): string {
  const header = contentDisposition ?? "";
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)?.[1]?.replace(/\\(.)/g, "$1");
  name ??= /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
  // A name, never a path; nothing a file system would choke on.
  const safe = (name ?? "")
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f<>:"|?*]/g, "_")
    .trim();
  return safe && safe !== "." && safe !== ".." ? safe : fallback;
}

/** The refusal in the answer's own words, whichever of the two JSON shapes it has. */
export async function refusalOf(response: Response): Promise<ApiProblem> {
  const body: unknown = await response.json().catch(() => null);
  const record = (body ?? {}) as Record<string, unknown>;
  const nested = (typeof record.error === "object" && record.error !== null ? record.error : {}) as Record<
    string,
    unknown
  >;
  const code = [record.code, nested.code].find((c): c is string => typeof c === "string") ?? "error";
  const message =
    [record.detail, nested.message, record.message].find((m): m is string => typeof m === "string" && m !== "") ??
    `The server refused the download (HTTP ${response.status}).`;
  return new ApiProblem(response.status, code, message);
}

/**
 * Fetches the package at `url`, calling `onBytes` with the running total as chunks arrive. Resolves
 * with the whole file; rejects with an ApiProblem (refused), a PackageInterrupted (broke off), or the
 * AbortError of `signal` (cancelled).
 */
export async function fetchPackage(
  url: string,
  {
    signal,
    onBytes,
    fallbackName,
    fetcher = fetch,
  }: { signal: AbortSignal; onBytes: (bytes: number) => void; fallbackName: string; fetcher?: typeof fetch },
): Promise<DownloadedPackage> {
  const response = await fetcher(url, { signal, headers: { accept: "application/zip, application/json" } });
  if (!response.ok) throw await refusalOf(response);
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("application/zip"))
    throw new ApiProblem(
      response.status,
      "unexpected_answer",
      `The server answered with ${type || "no content type"}, not a ZIP.`,
    );
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        onBytes(bytes);
      }
    } catch (err) {
      if (signal.aborted) throw err;
      throw new PackageInterrupted(bytes, err);
    } finally {
      reader.releaseLock();
    }
  }
  return {
    blob: new Blob(chunks as BlobPart[], { type: "application/zip" }),
    filename: filenameFrom(response.headers.get("content-disposition"), fallbackName),
    downloadId: response.headers.get("x-terrane-download-id"),
    bytes,
  };
}

/** SHA-256 of the saved file, hex, where the browser offers it (secure contexts); null elsewhere. */
export async function sha256Hex(blob: Blob): Promise<string | null> {
  if (typeof crypto === "undefined" || !crypto.subtle) return null;
  try {
    const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  } catch {
    return null;
  }
}

/** Saves a downloaded file the way a link with `download` would. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file by then; keep the URL a while for slow save dialogs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "7 s", "2 min 5 s": the whole seconds elapsed, as platform/format.ts writes a duration. */
export function elapsed(ms: number): string {
  return formatDuration(Math.floor(ms / 1000));
}

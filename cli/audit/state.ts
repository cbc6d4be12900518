/**
 * The state `terrane audit verify` keeps between runs (default ~/.terrane/audit-state.json),
 * per log origin: the pinned log key, pinned witness keys, and the last checkpoint it
 * verified — the next run must be consistent with it. Also which origin each instance URL
 * served, so an instance cannot dodge its pins by announcing a new origin.
 *
 * Written atomically (temporary file + rename), mode 0600, directory 0700.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";

export interface VerifiedCheckpoint {
  readonly size: number;
  /** base64, as in the checkpoint. */
  readonly root: string;
  /** The signed note as served, cosignatures included: evidence if a later run fails. */
  readonly note: string;
  readonly verified_at: string;
}

export interface LogState {
  url: string;
  /** Pinned note verifier key of the log. */
  key?: string;
  /** Pinned witness keys, by peer region id. */
  witnesses: Record<string, string>;
  checkpoint?: VerifiedCheckpoint;
}

export interface AuditState {
  version: 1;
  logs: Record<string, LogState>;
  /** Instance base URL → the origin it served. */
  urls: Record<string, string>;
}

export const emptyState = (): AuditState => ({ version: 1, logs: {}, urls: {} });

export function defaultStatePath(home: string): string {
  return path.join(home, ".terrane", "audit-state.json");
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function validLog(v: unknown): v is LogState {
  if (!isRecord(v) || typeof v.url !== "string" || !isRecord(v.witnesses)) return false;
  if (v.key !== undefined && typeof v.key !== "string") return false;
  if (!Object.values(v.witnesses).every((k) => typeof k === "string")) return false;
  if (v.checkpoint !== undefined) {
    const c = v.checkpoint;
    if (!isRecord(c) || typeof c.size !== "number" || !Number.isSafeInteger(c.size) || c.size < 0) return false;
    if (typeof c.root !== "string" || typeof c.note !== "string" || typeof c.verified_at !== "string") return false;
    if (Buffer.from(c.root, "base64").length !== 32) return false;
  }
  return true;
}

export function loadState(file: string): AuditState {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw new InputError(
      "bad_state",
      `cannot read the state file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InputError(
      "bad_state",
      `the state file ${file} is not JSON; move it away to start afresh (you lose the pinned keys and last checkpoint)`,
    );
  }
  if (
    !isRecord(doc) ||
    doc.version !== 1 ||
    !isRecord(doc.logs) ||
    !isRecord(doc.urls) ||
    !Object.values(doc.logs).every(validLog) ||
    !Object.values(doc.urls).every((o) => typeof o === "string")
  ) {
    throw new InputError("bad_state", `the state file ${file} is not a terrane audit state (version 1)`);
  }
  return doc as unknown as AuditState;
}

export function saveState(file: string, state: AuditState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (e) {
    throw new InputError(
      "bad_state",
      `cannot write the state file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

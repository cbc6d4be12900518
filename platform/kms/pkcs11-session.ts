import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { realpathSync } from "node:fs";
import * as graphene from "graphene-pk11";
import { KeyUnavailableError } from "@/platform/kms/provider";

export interface Pkcs11Options {
  /** The HSM vendor's PKCS#11 library, e.g. SoftHSM2's libsofthsm2.so. */
  module: string;
  tokenLabel: string;
  /** The token's user PIN. Never logged, never put in an error message. */
  pin: string;
  region: string;
}

/** The PKCS#11 return code only: pkcs11js messages carry nothing else worth showing. */
export function ckr(error: unknown): string {
  const match = error instanceof Error ? /CKR_[A-Z0-9_]+/.exec(error.message) : null;
  return match ? match[0] : "unknown PKCS#11 error";
}

/**
 * Codes after which the session cannot be trusted any more (the HSM restarted, the token was
 * removed, another part of the process called C_CloseAllSessions): the provider drops it and
 * the next call opens a new one.
 */
export const SESSION_LOST = new Set([
  "CKR_SESSION_HANDLE_INVALID",
  "CKR_SESSION_CLOSED",
  "CKR_USER_NOT_LOGGED_IN",
  "CKR_DEVICE_REMOVED",
  "CKR_DEVICE_ERROR",
  "CKR_TOKEN_NOT_PRESENT",
  "CKR_CRYPTOKI_NOT_INITIALIZED",
]);

// PKCS#11 session states in which the user is logged in (CKS_RO_USER_FUNCTIONS, CKS_RW_USER_FUNCTIONS).
const USER_STATES = new Set([1, 3]);

/** Private objects are invisible to a session that is not logged in, so "not found" needs this. */
export function loggedIn(session: graphene.Session): boolean {
  return USER_STATES.has(session.lib.C_GetSessionInfo(session.handle).state);
}

// ── One loaded module per library path, shared by every instance in this process ──────────
// C_Initialize and the login state belong to the process, not to a session: a second instance
// on the same module must not initialise it again, and one instance's logout or C_Finalize
// would cut off the others. So both are reference-counted here.

interface LoadedModule {
  module: graphene.Module;
  sessions: number;
  /** False when other code in this process initialised the module: finalising is then theirs. */
  ownsInit: boolean;
  logins: Map<string, { sessions: number; pinDigest: Buffer }>;
}

/** Keyed by the library's real path: two spellings of one library share one C_Initialize. */
const modules = new Map<string, LoadedModule>();

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // Missing: Module.load reports it.
  }
}

function loadModule(path: string): LoadedModule {
  const existing = modules.get(path);
  if (existing) return existing;
  let module: graphene.Module;
  let ownsInit = true;
  try {
    module = graphene.Module.load(path);
  } catch (error) {
    throw new KeyUnavailableError(
      "kms_unreachable",
      `cannot load the PKCS#11 module ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    module.lib.C_Initialize();
  } catch (error) {
    if (ckr(error) !== "CKR_CRYPTOKI_ALREADY_INITIALIZED") {
      module.close();
      throw new KeyUnavailableError("kms_unreachable", `cannot initialise the PKCS#11 module ${path} (${ckr(error)})`);
    }
    ownsInit = false;
  }
  const loaded: LoadedModule = { module, sessions: 0, ownsInit, logins: new Map() };
  modules.set(path, loaded);
  return loaded;
}

function unloadIfUnused(path: string, loaded: LoadedModule): void {
  if (loaded.sessions > 0) return;
  modules.delete(path);
  if (loaded.ownsInit) loaded.module.finalize();
  loaded.module.close();
}

/** An open, logged-in session on the token; `release` logs out and finalises when it is the last. */
export interface SessionLease {
  session: graphene.Session;
  release(): void;
}

export function acquireSession(options: Pkcs11Options): SessionLease {
  const path = realPath(options.module);
  const loaded = loadModule(path);
  let session: graphene.Session | undefined;
  try {
    const slots = loaded.module.getSlots(true);
    const slot = Array.from({ length: slots.length }, (_, i) => slots.items(i)).find(
      (s) => s.getToken().label === options.tokenLabel,
    );
    if (!slot)
      throw new KeyUnavailableError(
        "kms_unreachable",
        `no PKCS#11 token labelled "${options.tokenLabel}" in ${options.module}`,
      );
    session = slot.open(graphene.SessionFlag.SERIAL_SESSION | graphene.SessionFlag.RW_SESSION);
    login(loaded, options, session);
  } catch (error) {
    session?.close();
    unloadIfUnused(path, loaded);
    throw error;
  }
  loaded.sessions++;
  const opened = session;
  return { session: opened, release: () => release(path, loaded, options.tokenLabel, opened) };
}

function login(loaded: LoadedModule, options: Pkcs11Options, session: graphene.Session): void {
  const pinDigest = createHash("sha256").update(options.pin, "utf8").digest();
  const existing = loaded.logins.get(options.tokenLabel);
  if (existing) {
    // Already logged in by another instance, so C_Login would not check this PIN: we do.
    if (!timingSafeEqual(existing.pinDigest, pinDigest)) {
      throw new KeyUnavailableError(
        "kms_unreachable",
        `PKCS#11 login to token "${options.tokenLabel}" failed: the PIN differs from the one this process logged in with`,
      );
    }
    // C_CloseAllSessions elsewhere in the process logs the token out under our bookkeeping.
    if (!loggedIn(session)) session.login(options.pin, graphene.UserType.USER);
    existing.sessions++;
    return;
  }
  try {
    session.login(options.pin, graphene.UserType.USER);
  } catch (error) {
    const code = ckr(error);
    if (code !== "CKR_USER_ALREADY_LOGGED_IN") {
      throw new KeyUnavailableError(
        "kms_unreachable",
        `PKCS#11 login to token "${options.tokenLabel}" failed (${code}); check the user PIN (PKCS11_PIN)`,
      );
    }
  }
  loaded.logins.set(options.tokenLabel, { sessions: 1, pinDigest });
}

function release(path: string, loaded: LoadedModule, tokenLabel: string, session: graphene.Session): void {
  const entry = loaded.logins.get(tokenLabel);
  if (entry && --entry.sessions === 0) {
    loaded.logins.delete(tokenLabel);
    try {
      session.logout();
    } catch {
      // Already logged out (the token was removed or reset): closing the session suffices.
    }
  }
  try {
    session.close();
  } finally {
    loaded.sessions--;
    unloadIfUnused(path, loaded);
  }
}

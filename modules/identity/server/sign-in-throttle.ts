import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "@/platform/auth/secret";
import type { Tx } from "@/platform/db/transaction";

/**
 * Password guessing is slowed per client address, never by locking the account: a lock that
 * anyone can trigger with five wrong passwords is a way to keep the owner out. Three counters:
 *
 * - account + address: after `accountAddressFree` failures that address must wait before its
 *   next try for the account, the wait doubling per further failure up to `maxWaitSeconds`;
 * - address: the same after `addressFree` failures across all accounts (password spraying);
 * - account: never refuses. Once it has seen `accountUnderAttack` failures in the window
 *   (guesses from many addresses) every address gets a single free try for the account
 *   before waiting, so a distributed guesser gets one guess per address per doubling wait,
 *   while the owner, from an address that has not failed, still gets in with the right
 *   password. Trade-off: an attacker with very many addresses can still make many guesses;
 *   stopping that would need a lock, which would hand the same attacker a lock-out.
 *
 * Keys are HMACs under the region's auth secret: no e-mail address or IP address is stored.
 * A row is forgotten a window after its last failure; expired rows are pruned as attempts come.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  accountAddressFree: 3,
  addressFree: 10,
  accountUnderAttack: 10,
  firstWaitSeconds: 5,
  maxWaitSeconds: 15 * 60,
  prunePerAttempt: 50,
};

export type ThrottleScope = "account" | "account_address" | "address";

export interface ThrottleKeys {
  account: string;
  accountAddress: string;
  address: string;
  /** A stable, non-reversible reference to the account for the audit log (unknown ones too). */
  accountRef: string;
  addressRef: string;
}

function mac(kind: string, value: string): string {
  return createHmac("sha256", authSecret())
    .update(`sign-in-throttle\n${kind}\n${value}`)
    .digest("base64url")
    .slice(0, 32);
}

export function throttleKeys(email: string, address: string): ThrottleKeys {
  const accountRef = mac("account", email);
  const addressRef = mac("address", address);
  return {
    account: `a:${accountRef}`,
    accountAddress: `aa:${mac("account-address", `${email}\n${address}`)}`,
    address: `ip:${addressRef}`,
    accountRef: accountRef.slice(0, 16),
    addressRef: addressRef.slice(0, 16),
  };
}

/** The wait after the `n`-th failure beyond the free ones (n ≥ 1). */
export function waitSeconds(n: number): number {
  return Math.min(THROTTLE.firstWaitSeconds * 2 ** Math.min(n - 1, 30), THROTTLE.maxWaitSeconds);
}

interface Row {
  key: string;
  failures: number;
  windowStart: Date;
  blockedUntil: Date | null;
  expiresAt: Date;
}

export interface ImposedWait {
  scope: ThrottleScope;
  failures: number;
  waitSeconds: number;
}

export type Reservation =
  { admitted: false; retryAfterSeconds: number } | { admitted: true; accountFailures: number; waits: ImposedWait[] };

async function lockRow(tx: Tx, key: string, now: Date): Promise<Row> {
  await tx.$executeRaw`INSERT INTO "sign_in_throttles" ("key", "failures", "window_start", "expires_at") VALUES (${key}, 0, ${now}, ${now}) ON CONFLICT ("key") DO NOTHING`;
  const [row] = await tx.$queryRaw<Row[]>`
    SELECT "key", "failures", "window_start" AS "windowStart", "blocked_until" AS "blockedUntil", "expires_at" AS "expiresAt"
    FROM "sign_in_throttles" WHERE "key" = ${key} FOR UPDATE`;
  if (!row) throw new Error("sign-in throttle row vanished under its lock");
  // A row past its expiry counts as new: its failures were forgotten.
  return row.expiresAt <= now && !(row.blockedUntil && row.blockedUntil > now)
    ? { key, failures: 0, windowStart: now, blockedUntil: null, expiresAt: now }
    : row;
}

async function saveRow(tx: Tx, row: Row): Promise<void> {
  await tx.signInThrottle.update({
    where: { key: row.key },
    data: {
      failures: row.failures,
      windowStart: row.windowStart,
      blockedUntil: row.blockedUntil,
      expiresAt: row.expiresAt,
    },
    select: { key: true },
  });
}

function isWaiting(row: Row, now: Date): boolean {
  return row.blockedUntil !== null && row.blockedUntil > now;
}

function refusal(row: Row, now: Date): Reservation {
  return {
    admitted: false,
    retryAfterSeconds: Math.max(1, Math.ceil((row.blockedUntil!.getTime() - now.getTime()) / 1000)),
  };
}

/**
 * Counts this attempt as a failure before its password is checked, under row locks taken in
 * one order, so attempts made at the same time cannot all read the same count and all be let
 * through. Refused attempts (still waiting) are not counted and change nothing.
 */
export async function reserveAttempt(tx: Tx, keys: ThrottleKeys, now: Date): Promise<Reservation> {
  // The same lock order (address, account, account + address) for every attempt: no deadlocks.
  // The address first, so a waiting address is refused before it can add rows for any account.
  const address = await lockRow(tx, keys.address, now);
  if (isWaiting(address, now)) return refusal(address, now);
  const account = await lockRow(tx, keys.account, now);
  const accountAddress = await lockRow(tx, keys.accountAddress, now);
  if (isWaiting(accountAddress, now)) return refusal(accountAddress, now);

  const underAttack = account.failures >= THROTTLE.accountUnderAttack;
  const free: [Row, ThrottleScope, number][] = [
    [account, "account", Number.POSITIVE_INFINITY],
    [accountAddress, "account_address", underAttack ? 1 : THROTTLE.accountAddressFree],
    [address, "address", THROTTLE.addressFree],
  ];
  const waits: ImposedWait[] = [];
  for (const [row, scope, allowance] of free) {
    row.failures += 1;
    row.blockedUntil = null;
    if (row.failures >= allowance) {
      const wait = waitSeconds(row.failures - allowance + 1);
      row.blockedUntil = new Date(now.getTime() + wait * 1000);
      waits.push({ scope, failures: row.failures, waitSeconds: wait });
    }
    // Forgotten a window after the last failure, and never while a wait is running.
    row.expiresAt = new Date(Math.max(now.getTime() + THROTTLE.windowMs, row.blockedUntil?.getTime() ?? 0));
    await saveRow(tx, row);
  }
  return { admitted: true, accountFailures: account.failures, waits };
}

/**
 * The password was right: this attempt was no failure after all. The account and address
 * pair starts afresh; the other counters only lose this attempt (an attacker's own successful
 * sign-ins must not wipe the count of their address, nor the owner's the account's).
 */
export async function settleSuccess(tx: Tx, keys: ThrottleKeys): Promise<void> {
  await tx.$executeRaw`DELETE FROM "sign_in_throttles" WHERE "key" = ${keys.accountAddress}`;
  await tx.$executeRaw`
    UPDATE "sign_in_throttles" SET "failures" = GREATEST("failures" - 1, 0),
      "blocked_until" = CASE WHEN "failures" - 1 >= ${THROTTLE.addressFree} THEN "blocked_until" ELSE NULL END
    WHERE "key" = ${keys.address}`;
  await tx.$executeRaw`UPDATE "sign_in_throttles" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${keys.account}`;
}

/** Moves the start of the waits this failed attempt imposed to `at` (when it was answered). */
export async function restartWaits(tx: Tx, keys: ThrottleKeys, waits: ImposedWait[], at: Date): Promise<void> {
  for (const wait of waits) {
    const key = wait.scope === "address" ? keys.address : keys.accountAddress;
    const until = new Date(at.getTime() + wait.waitSeconds * 1000);
    await tx.$executeRaw`
      UPDATE "sign_in_throttles" SET "blocked_until" = GREATEST("blocked_until", ${until}),
        "expires_at" = GREATEST("expires_at", ${until})
      WHERE "key" = ${key} AND "blocked_until" IS NOT NULL`;
  }
}

/** Deletes a bounded batch of expired rows, skipping any another attempt holds. */
export async function pruneExpired(tx: Tx, now: Date): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM "sign_in_throttles" WHERE "key" IN (
      SELECT "key" FROM "sign_in_throttles"
      WHERE "expires_at" <= ${now} AND ("blocked_until" IS NULL OR "blocked_until" <= ${now})
      LIMIT ${THROTTLE.prunePerAttempt} FOR UPDATE SKIP LOCKED)`;
}

/** Audit entries for failures are written at these counts per account and window only: 1, 10, 100, … */
export function isAuditedCount(n: number): boolean {
  return /^10*$/.test(String(n));
}

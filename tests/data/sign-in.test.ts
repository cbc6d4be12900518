import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/modules/identity/domain/password";
import { ThrottledError } from "@/platform/errors";
import { loadSessionActor, THROTTLE, verifyCredentials } from "@/modules/identity/server/sign-in";
import { DATABASE_KINDS } from "../helpers/databases";
import { createUser, tableText } from "../helpers/fixtures";
import { useMigratedRegion } from "../helpers/seeded-region";

const PASSWORD = "kq4m-7zpa-3xw2-hv9d";
const HOME = "198.51.100.7";
const ATTACKER = "203.0.113.66";

const refusal = (attempt: Promise<unknown>) =>
  attempt.then(
    () => null,
    (e: unknown) => e,
  );
// scrypt is slow on a busy machine: the heavier cases get room.
const SLOW = 300_000;

describe.each(DATABASE_KINDS)("password sign-in on %s", (kind) => {
  const region = useMigratedRegion(kind);
  const ids: Record<string, string> = {};
  let hash: string;

  beforeAll(async () => {
    // Verification reads the cost from the stored hash: these accounts take many attempts, so they are
    // hashed at 2^14 (production's 2^17 floor is tested in tests/auth/password.test.ts). Unknown
    // accounts still cost a full-price scrypt against the dummy hash.
    hash = await hashPassword(PASSWORD, 2 ** 14);
    for (const name of ["ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy"]) {
      ids[name] = await createUser(region.prisma, `${name}@example.test`, { passwordHash: hash });
    }
    ids.staff = await createUser(region.prisma, "staff@provider.example", {
      passwordHash: hash,
      providerRole: "provider_admin",
    });
  });

  const audits = (action: string, subject: string) =>
    region.prisma.auditEntry.findMany({ where: { action, subject }, orderBy: { seq: "asc" } });
  // Attempts happen at a clock the test moves, so a wait cannot run out while scrypt works.
  let clock = Date.now();
  const signIn = (email: string, password: string, address: string) =>
    verifyCredentials(email, password, address, () => new Date(clock));

  it(
    "the right password signs in, whatever the email's case or surrounding spaces, and is audited",
    async () => {
      expect(await signIn("ada@example.test", PASSWORD, HOME)).toEqual({
        id: ids.ada,
        email: "ada@example.test",
        name: "ada",
      });
      expect(await signIn("  ADA@Example.TEST ", PASSWORD, HOME)).toMatchObject({ id: ids.ada });
      const entries = await audits("sign_in.succeeded", `user:${ids.ada}`);
      expect(entries).toHaveLength(2);
      expect(entries[0]).toMatchObject({
        actorType: "system",
        actorId: "sign-in",
        outcome: "success",
        region: "eu-central-1",
      });
      expect(entries[0]!.details).toEqual({ method: "password" });
      expect(await tableText(region.prisma, "audit_entries")).not.toContain(PASSWORD);
    },
    SLOW,
  );

  it("a wrong password gets nothing and is audited without the password; no address or e-mail is stored verbatim", async () => {
    expect(await signIn("bob@example.test", "not-the-password", HOME)).toBeNull();
    const [entry] = await audits("sign_in.failed", `user:${ids.bob}`);
    expect(entry).toMatchObject({ actorType: "anonymous", actorId: null, outcome: "failure" });
    expect(entry!.details).toMatchObject({ method: "password", count: 1 });
    expect(await tableText(region.prisma, "audit_entries")).not.toContain("not-the-password");
    const throttles = await tableText(region.prisma, "sign_in_throttles");
    expect(throttles).not.toContain("bob@example.test");
    expect(throttles).not.toContain(HOME);
  });

  it(
    "after three failures from an address that address waits, the wait doubling; the right password from another address still signs in",
    async () => {
      expect(THROTTLE.accountAddressFree).toBe(3);
      for (let i = 1; i <= 3; i++) expect(await signIn("cy@example.test", `wrong-${i}`, ATTACKER)).toBeNull();

      // The attacker's address is slowed: even the right password waits there.
      const first = await refusal(signIn("cy@example.test", PASSWORD, ATTACKER));
      expect(first).toBeInstanceOf(ThrottledError);
      expect((first as ThrottledError).status).toBe(429);
      expect((first as ThrottledError).retryAfterSeconds).toBe(THROTTLE.firstWaitSeconds);

      // More tries while waiting are refused without a password check and change nothing.
      for (let i = 0; i < 20; i++)
        await expect(signIn("cy@example.test", "wrong", ATTACKER)).rejects.toBeInstanceOf(ThrottledError);

      // After the wait, one more failure doubles it.
      clock += THROTTLE.firstWaitSeconds * 1000;
      expect(await signIn("cy@example.test", "wrong-4", ATTACKER)).toBeNull();
      const second = await refusal(signIn("cy@example.test", "wrong-5", ATTACKER));
      expect((second as ThrottledError).retryAfterSeconds).toBe(2 * THROTTLE.firstWaitSeconds);

      // The owner, from home, is not locked out.
      expect(await signIn("cy@example.test", PASSWORD, HOME)).toMatchObject({ id: ids.cy });
      const waits = await audits("sign_in.throttled", `user:${ids.cy}`);
      expect(waits.map((e) => (e.details as { wait_seconds: number }).wait_seconds)).toEqual([
        THROTTLE.firstWaitSeconds,
        2 * THROTTLE.firstWaitSeconds,
      ]);
    },
    SLOW,
  );

  it(
    "attempts made at the same time cannot slip past the limit: at most three passwords are checked per address",
    async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => signIn("gus@example.test", `wrong-${i}`, ATTACKER)),
      );
      const refused = attempts.filter((a) => a.status === "rejected").map((a) => (a as PromiseRejectedResult).reason);
      expect(
        attempts.filter((a) => a.status === "fulfilled").map((a) => (a as PromiseFulfilledResult<unknown>).value),
      ).toEqual([null, null, null]);
      expect(refused).toHaveLength(5);
      refused.forEach((e) => expect(e).toBeInstanceOf(ThrottledError));
      expect(await signIn("gus@example.test", PASSWORD, HOME)).toMatchObject({ id: ids.gus });
    },
    SLOW,
  );

  it(
    "guesses from many addresses: each gets one try once the account is under attack, and the owner still gets in",
    async () => {
      for (let i = 0; i < THROTTLE.accountUnderAttack; i++)
        expect(await signIn("hal@example.test", "wrong", `192.0.2.${i + 1}`)).toBeNull();
      // A fresh address gets one guess, then waits.
      expect(await signIn("hal@example.test", "wrong", "192.0.2.200")).toBeNull();
      await expect(signIn("hal@example.test", "wrong", "192.0.2.200")).rejects.toBeInstanceOf(ThrottledError);
      // The owner's one try from a fresh address is enough.
      expect(await signIn("hal@example.test", PASSWORD, HOME)).toMatchObject({ id: ids.hal });
      // Audited at the 1st and 10th failure of the window, not once per failure.
      expect(
        (await audits("sign_in.failed", `user:${ids.hal}`)).map((e) => (e.details as { count: number }).count),
      ).toEqual([1, 10]);
    },
    SLOW,
  );

  it(
    "an IPv6 client is one address per /64, so rotating within it gains nothing",
    async () => {
      for (let i = 1; i <= 3; i++) expect(await signIn("ivy@example.test", "wrong", `2001:db8:1:2::${i}`)).toBeNull();
      await expect(signIn("ivy@example.test", "wrong", "2001:db8:1:2:ffff::9")).rejects.toBeInstanceOf(ThrottledError);
      expect(await signIn("ivy@example.test", PASSWORD, "2001:db8:1:3::1")).toMatchObject({ id: ids.ivy });
    },
    SLOW,
  );

  it(
    "failures are forgotten a window after the last one; a success clears the address's count for that account",
    async () => {
      for (let i = 0; i < 2; i++) await signIn("dee@example.test", "wrong", HOME);
      expect(await signIn("dee@example.test", PASSWORD, HOME)).toMatchObject({ id: ids.dee });
      // Two more failures do not reach the limit: the earlier two were cleared by the success.
      for (let i = 0; i < 2; i++) expect(await signIn("dee@example.test", "wrong", HOME)).toBeNull();
      expect(await signIn("dee@example.test", PASSWORD, HOME)).toMatchObject({ id: ids.dee });

      for (let i = 0; i < 3; i++) await signIn("eve@example.test", "wrong", HOME);
      await expect(signIn("eve@example.test", PASSWORD, HOME)).rejects.toBeInstanceOf(ThrottledError);
      await region.prisma.signInThrottle.updateMany({
        data: { blockedUntil: null, expiresAt: new Date(clock - 1000) },
      });
      expect(await signIn("eve@example.test", PASSWORD, HOME)).toMatchObject({ id: ids.eve });
    },
    SLOW,
  );

  it(
    "an unknown email is answered like a wrong password and throttled the same way, and is never written down",
    async () => {
      const address = "198.51.100.99";
      for (let i = 1; i <= 3; i++) expect(await signIn("nobody@example.test", "anything", address)).toBeNull();
      await expect(signIn("nobody@example.test", "anything", address)).rejects.toBeInstanceOf(ThrottledError);
      const [failed] = await audits("sign_in.failed", "account:unknown");
      expect(failed!.details).toMatchObject({ method: "password", count: 1 });
      expect(await tableText(region.prisma, "audit_entries")).not.toContain("nobody@example.test");
    },
    SLOW,
  );

  it(
    "500 failures with random e-mails from one address leave a bounded throttle table and audit log",
    async () => {
      const address = "203.0.113.200";
      const throttlesBefore = await region.count("sign_in_throttles");
      const auditBefore = await region.count("audit_entries");
      let refused = 0;
      for (let i = 0; i < 500; i++) {
        const email = `${randomBytes(6).toString("hex")}@random.example`;
        try {
          expect(await signIn(email, "guess", address)).toBeNull();
        } catch (err) {
          expect(err).toBeInstanceOf(ThrottledError);
          refused += 1;
        }
      }
      // Only the address's free failures had their password checked; each made two rows and one
      // failure entry, and the last started the address's wait (one more entry).
      expect(refused).toBe(500 - THROTTLE.addressFree);
      expect((await region.count("sign_in_throttles")) - throttlesBefore).toBeLessThanOrEqual(
        2 * THROTTLE.addressFree + 1,
      );
      expect((await region.count("audit_entries")) - auditBefore).toBeLessThanOrEqual(THROTTLE.addressFree + 1);
      expect(await tableText(region.prisma, "audit_entries")).not.toContain("@random.example");
    },
    SLOW,
  );

  it("expired rows are pruned as attempts come in", async () => {
    const gone = new Date(clock - 1000);
    await region.prisma.signInThrottle.updateMany({ data: { blockedUntil: null, expiresAt: gone } });
    await region.prisma.signInThrottle.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ key: `ip:old-${i}`, failures: 1, expiresAt: gone })),
    });
    const before = await region.count("sign_in_throttles");
    await signIn("ada@example.test", PASSWORD, HOME);
    expect(await region.count("sign_in_throttles")).toBeLessThanOrEqual(before - THROTTLE.prunePerAttempt + 3);
  });

  it("a disabled user cannot sign in, even with the right password", async () => {
    await region.prisma.user.update({ where: { id: ids.fay }, data: { disabledAt: new Date() } });
    expect(await signIn("fay@example.test", PASSWORD, HOME)).toBeNull();
    expect(await audits("sign_in.succeeded", `user:${ids.fay}`)).toHaveLength(0);
    expect(await audits("sign_in.failed", `user:${ids.fay}`)).toHaveLength(1);
  });

  it("a session actor carries what authorization and the audit log need", async () => {
    expect(await loadSessionActor(ids.staff!)).toEqual({
      type: "user",
      userId: ids.staff,
      email: "staff@provider.example",
      name: "staff",
      providerRole: "provider_admin",
      employer: "Terrane Cloud GmbH",
      officeCountry: "DE",
      via: "session",
      tokenId: null,
      tokenTenantId: null,
    });
    expect(await loadSessionActor("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("a user without a password (OIDC only) cannot sign in with one", async () => {
    await createUser(region.prisma, "sso-only@example.test");
    expect(await signIn("sso-only@example.test", "", "198.51.100.50")).toBeNull();
    expect(await signIn("sso-only@example.test", PASSWORD, "198.51.100.50")).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { ThrottledError } from "@/lib/errors";
import { loadSessionActor, THROTTLE, verifyCredentials } from "@/lib/data/sign-in";
import { DATABASE_KINDS } from "../helpers/databases";
import { createUser, tableText } from "../helpers/fixtures";
import { useMigratedRegion } from "../helpers/seeded-region";

const PASSWORD = "kq4m-7zpa-3xw2-hv9d";

describe.each(DATABASE_KINDS)("password sign-in on %s", (kind) => {
  const region = useMigratedRegion(kind);
  const ids: Record<string, string> = {};
  let hash: string;

  beforeAll(async () => {
    hash = await hashPassword(PASSWORD);
    for (const name of ["ada", "bob", "cy", "dee", "eve", "fay", "gus"]) {
      ids[name] = await createUser(region.prisma, `${name}@example.test`, { passwordHash: hash });
    }
    ids.staff = await createUser(region.prisma, "staff@provider.example", { passwordHash: hash, providerRole: "provider_admin" });
  });

  const audits = (action: string, subject: string) => region.prisma.auditEntry.findMany({ where: { action, subject }, orderBy: { seq: "asc" } });
  const throttle = (email: string) => region.prisma.signInThrottle.findUnique({ where: { key: email } });

  it("the right password signs in, whatever the email's case or surrounding spaces, and is audited", async () => {
    expect(await verifyCredentials("ada@example.test", PASSWORD)).toEqual({ id: ids.ada, email: "ada@example.test", name: "ada" });
    expect(await verifyCredentials("  ADA@Example.TEST ", PASSWORD)).toMatchObject({ id: ids.ada });
    const entries = await audits("sign_in.succeeded", `user:${ids.ada}`);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorType: "system", actorId: "sign-in", outcome: "success", region: "eu-central-1" });
    expect(entries[0]!.details).toEqual({ method: "password" });
    expect(await tableText(region.prisma, "audit_entries")).not.toContain(PASSWORD);
  });

  it("a wrong password gets nothing, is counted and audited without the password", async () => {
    expect(await verifyCredentials("bob@example.test", "not-the-password")).toBeNull();
    const [entry] = await audits("sign_in.failed", "email:bob@example.test");
    expect(entry).toMatchObject({ actorType: "anonymous", actorId: null, outcome: "failure" });
    expect(entry!.details).toEqual({ method: "password", failures: 1, locked: false });
    expect(await tableText(region.prisma, "audit_entries")).not.toContain("not-the-password");
    expect(await throttle("bob@example.test")).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it(`locks the account after ${THROTTLE.maxFailures} failures: then even the right password is refused`, async () => {
    expect(THROTTLE.maxFailures).toBe(5);
    for (let i = 1; i <= 5; i++) expect(await verifyCredentials("cy@example.test", `wrong-${i}`)).toBeNull();
    const locked = await throttle("cy@example.test");
    expect(locked?.failures).toBe(5);
    expect(locked?.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    const err = await verifyCredentials("cy@example.test", PASSWORD).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ThrottledError);
    expect((err as ThrottledError).status).toBe(429);
    expect((err as ThrottledError).retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect((err as ThrottledError).retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await audits("sign_in.throttled", "email:cy@example.test")).toHaveLength(1);
    expect(await audits("sign_in.succeeded", `user:${ids.cy}`)).toHaveLength(0);
    expect((await audits("sign_in.failed", "email:cy@example.test")).at(-1)!.details).toMatchObject({ failures: 5, locked: true });

    // Other accounts are not affected.
    expect(await verifyCredentials("dee@example.test", PASSWORD)).toMatchObject({ id: ids.dee });
  });

  it("attempts made at the same time cannot slip past the limit: at most five passwords are checked", async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => verifyCredentials("gus@example.test", `wrong-${i}`)));
    const refused = attempts.filter((a) => a.status === "rejected").map((a) => (a as PromiseRejectedResult).reason);
    expect(attempts.filter((a) => a.status === "fulfilled").map((a) => (a as PromiseFulfilledResult<unknown>).value)).toEqual([null, null, null, null, null]);
    expect(refused).toHaveLength(3);
    refused.forEach((e) => expect(e).toBeInstanceOf(ThrottledError));
    const failed = await audits("sign_in.failed", "email:gus@example.test");
    expect(failed.map((e) => (e.details as { failures: number }).failures).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(await audits("sign_in.throttled", "email:gus@example.test")).toHaveLength(3);
    await expect(verifyCredentials("gus@example.test", PASSWORD)).rejects.toBeInstanceOf(ThrottledError);
  });

  it("a lock that has run out lets the right password in again and clears the count", async () => {
    await region.prisma.signInThrottle.update({
      where: { key: "cy@example.test" },
      data: { lockedUntil: new Date(Date.now() - 1000), windowStart: new Date(Date.now() - THROTTLE.windowMs - 60_000) },
    });
    expect(await verifyCredentials("cy@example.test", PASSWORD)).toMatchObject({ id: ids.cy });
    expect(await throttle("cy@example.test")).toBeNull();
  });

  it("failures older than the window are forgotten", async () => {
    for (let i = 0; i < 4; i++) await verifyCredentials("dee@example.test", "wrong");
    expect((await throttle("dee@example.test"))?.failures).toBe(4);
    await region.prisma.signInThrottle.update({ where: { key: "dee@example.test" }, data: { windowStart: new Date(Date.now() - THROTTLE.windowMs - 1000) } });
    expect(await verifyCredentials("dee@example.test", "wrong")).toBeNull();
    expect(await throttle("dee@example.test")).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it("a successful sign-in resets the count", async () => {
    for (let i = 0; i < 3; i++) await verifyCredentials("eve@example.test", "wrong");
    expect(await verifyCredentials("eve@example.test", PASSWORD)).toMatchObject({ id: ids.eve });
    expect(await throttle("eve@example.test")).toBeNull();
  });

  it("an unknown email is answered like a wrong password, counted and locked the same way", async () => {
    for (let i = 1; i <= 5; i++) expect(await verifyCredentials("nobody@example.test", "anything")).toBeNull();
    const failed = await audits("sign_in.failed", "email:nobody@example.test");
    expect(failed.map((e) => e.details)).toEqual([1, 2, 3, 4, 5].map((n) => ({ method: "password", failures: n, locked: n === 5 })));
    await expect(verifyCredentials("nobody@example.test", "anything")).rejects.toBeInstanceOf(ThrottledError);
  });

  it("a disabled user cannot sign in, even with the right password, and their session stops at once", async () => {
    expect(await loadSessionActor(ids.fay!)).toMatchObject({ userId: ids.fay, via: "session" });
    await region.prisma.user.update({ where: { id: ids.fay }, data: { disabledAt: new Date() } });
    expect(await verifyCredentials("fay@example.test", PASSWORD)).toBeNull();
    expect(await audits("sign_in.succeeded", `user:${ids.fay}`)).toHaveLength(0);
    expect((await audits("sign_in.failed", "email:fay@example.test")).length).toBe(1);
    expect(await loadSessionActor(ids.fay!)).toBeNull();
  });

  it("a session actor carries what authorization and the audit log need", async () => {
    expect(await loadSessionActor(ids.staff!)).toEqual({
      type: "user", userId: ids.staff, email: "staff@provider.example", name: "staff", providerRole: "provider_admin",
      employer: "Terrane Cloud GmbH", officeCountry: "DE", via: "session", tokenId: null, tokenTenantId: null,
    });
    expect(await loadSessionActor("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("a user without a password (OIDC only) cannot sign in with one", async () => {
    await createUser(region.prisma, "sso-only@example.test");
    expect(await verifyCredentials("sso-only@example.test", "")).toBeNull();
    expect(await verifyCredentials("sso-only@example.test", PASSWORD)).toBeNull();
  });
});

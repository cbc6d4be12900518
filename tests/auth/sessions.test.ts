import { encode, type JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { GET as getTenant } from "@/app/api/v1/tenants/[tenant]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/users/[user]/tokens/route";
import { authOptions } from "@/modules/identity/server/auth-options";
import { authSecret } from "@/platform/auth/secret";
import { sessionCookieName } from "@/platform/auth/session-cookie";
import { changeOwnPassword, disableUser } from "@/modules/identity/server/account-security";
import { SESSION_MAX_AGE_SECONDS } from "@/modules/identity/server/user-sessions";
import { DATABASE_KINDS } from "../helpers/databases";
import { call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion, type SeededRegion } from "../helpers/seeded-region";

type JwtParams = Parameters<NonNullable<NonNullable<ReturnType<typeof authOptions>["callbacks"]>["jwt"]>>[0];
type SignOutMessage = Parameters<NonNullable<NonNullable<ReturnType<typeof authOptions>["events"]>["signOut"]>>[0];

/** Signs in as next-auth does after a good password: the jwt callback, then the sealed cookie. */
async function signIn(world: SeededRegion, email: string): Promise<{ token: JWT; cookie: string }> {
  const id = await world.userId(email);
  const params = {
    token: { sub: id, email },
    user: { id, email, name: email },
    account: null,
    trigger: "signIn",
  } as unknown as JwtParams;
  const token = await authOptions().callbacks!.jwt!(params);
  const sealed = await encode({ token, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  return { token, cookie: `${sessionCookieName()}=${sealed}` };
}

/** The sign-out route's event, which runs once next-auth has checked the request's CSRF token. */
async function signOut(token: JWT): Promise<void> {
  await authOptions().events!.signOut!({ token, session: null } as unknown as SignOutMessage);
}

describe.each(DATABASE_KINDS)("browser sessions end when they should, on %s", (kind) => {
  const world = useSeededRegion(kind);
  const withCookie = (cookie: string, extra: Record<string, string> = {}) => ({
    cookie,
    origin: "http://localhost",
    ...extra,
  });
  const mintToken = (cookie: string) =>
    call(
      createToken,
      request("/api/v1/users/me/tokens", {
        method: "POST",
        headers: withCookie(cookie, { "content-type": "application/json" }),
        body: JSON.stringify({ name: "from a session", tenant: "northwind-eu" }),
      }),
      { user: "me" },
    );
  const listOwn = (cookie: string) =>
    call(listTokens, request("/api/v1/users/me/tokens", { headers: withCookie(cookie) }), { user: "me" });
  const tokenCount = () => world.prisma.apiToken.count();

  it("a cookie replayed after sign-out opens nothing: 401, and no API token can be made with it", async () => {
    const { token, cookie } = await signIn(world, EU.northwindAdmin);
    expect((await listOwn(cookie)).status).toBe(200);
    expect((await mintToken(cookie)).status).toBe(201);

    await signOut(token);
    const before = await tokenCount();
    await expectProblem(await mintToken(cookie), 401, "unauthenticated");
    await expectProblem(await listOwn(cookie), 401, "unauthenticated");
    expect(await tokenCount()).toBe(before);

    const session = await world.prisma.userSession.findUniqueOrThrow({ where: { id: String(token.sid) } });
    expect(session).toMatchObject({ revokedReason: "sign_out" });
    const [ended] = await world.prisma.auditEntry.findMany({
      where: { action: "session.revoked", subject: `user:${await world.userId(EU.northwindAdmin)}` },
    });
    expect(ended!.details).toMatchObject({ reason: "sign_out", session_id: token.sid, count: 1 });
  });

  it("signing out ends only that session: the same person's other browser stays signed in", async () => {
    const laptop = await signIn(world, EU.northwindViewer);
    const phone = await signIn(world, EU.northwindViewer);
    await signOut(laptop.token);
    await expectProblem(await listOwn(laptop.cookie), 401, "unauthenticated");
    expect((await listOwn(phone.cookie)).status).toBe(200);
  });

  it("a password change ends every session of the account at once", async () => {
    const email = EU.kestrelAdmin;
    const a = await signIn(world, email);
    const b = await signIn(world, email);
    const actor = await world.session(email);
    expect(await changeOwnPassword(actor, world.password(email), "a-brand-new-long-password")).toEqual({
      sessionsEnded: 2,
    });
    await expectProblem(await listOwn(a.cookie), 401, "unauthenticated");
    await expectProblem(await listOwn(b.cookie), 401, "unauthenticated");
    const userId = await world.userId(email);
    const entries = await world.prisma.auditEntry.findMany({
      where: { subject: `user:${userId}`, action: { in: ["user.password_changed", "session.revoked"] } },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => e.action)).toEqual(["user.password_changed", "session.revoked"]);
    expect(entries[1]!.details).toMatchObject({ reason: "password_changed", count: 2 });
    // A new sign-in works again.
    expect((await listOwn((await signIn(world, email)).cookie)).status).toBe(200);
  });

  it("a password change needs the current password, a session, and a long enough new one", async () => {
    const email = EU.kestrelViewer;
    const session = await world.session(email);
    await expect(changeOwnPassword(session, "not-it", "another-long-password")).rejects.toMatchObject({
      status: 400,
      code: "wrong_password",
    });
    await expect(changeOwnPassword(session, world.password(email), "short")).rejects.toMatchObject({
      status: 400,
      code: "invalid_password",
    });
    await expect(
      changeOwnPassword(await world.tokenActor(email), world.password(email), "another-long-password"),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("disabling an account ends its sessions at once; only a provider admin may, and not their own", async () => {
    const email = EU.kestrelAuditor;
    const userId = await world.userId(email);
    const { cookie } = await signIn(world, email);
    expect((await listOwn(cookie)).status).toBe(200);

    await expect(disableUser(await world.session(EU.northwindAdmin), userId)).rejects.toMatchObject({ status: 404 });
    await expect(disableUser(await world.tokenActor(EU.providerAdmin), userId)).rejects.toMatchObject({ status: 404 });
    const admin = await world.session(EU.providerAdmin);
    await expect(disableUser(admin, admin.userId)).rejects.toMatchObject({ status: 403 });

    expect(await disableUser(admin, userId)).toEqual({ sessionsEnded: 1 });
    await expectProblem(await listOwn(cookie), 401, "unauthenticated");
    const entries = await world.prisma.auditEntry.findMany({
      where: { subject: `user:${userId}`, action: { in: ["user.disabled", "session.revoked"] } },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ["user.disabled", admin.userId],
      ["session.revoked", admin.userId],
    ]);
    // Disabling again changes nothing.
    expect(await disableUser(admin, userId)).toEqual({ sessionsEnded: 0 });
  });

  it("membership is read on every request: removing it takes the tenant away from a live session at once", async () => {
    const email = EU.northwindAuditor;
    const { cookie } = await signIn(world, email);
    const get = () =>
      call(getTenant, request("/api/v1/tenants/northwind-eu", { headers: withCookie(cookie) }), {
        tenant: "northwind-eu",
      });
    expect((await get()).status).toBe(200);
    await world.prisma.membership.deleteMany({
      where: { userId: await world.userId(email), tenant: { slug: "northwind-eu" } },
    });
    await expectProblem(await get(), 404, "tenant_not_found");
  });

  it("cookies that name no live session are anonymous: expired record, old-style cookie, another region's, tampered", async () => {
    const { token, cookie } = await signIn(world, EU.compliance);
    expect((await listOwn(cookie)).status).toBe(200);

    await world.prisma.userSession.update({
      where: { id: String(token.sid) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expectProblem(await listOwn(cookie), 401, "unauthenticated");

    const fresh = await signIn(world, EU.compliance);
    const seal = (claims: JWT) => encode({ token: claims, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
    const name = sessionCookieName();
    // Issued before sessions had records (no sid): ends with this release.
    const { sid: _sid, ...withoutSid } = fresh.token;
    await expectProblem(await listOwn(`${name}=${await seal(withoutSid)}`), 401, "unauthenticated");
    await expectProblem(
      await listOwn(`${name}=${await seal({ ...fresh.token, region: "me-central-1" })}`),
      401,
      "unauthenticated",
    );
    await expectProblem(
      await listOwn(`${name}=${await seal({ ...fresh.token, uid: await world.userId(EU.providerAdmin) })}`),
      401,
      "unauthenticated",
    );
    await expectProblem(await listOwn(`${fresh.cookie.slice(0, -4)}AAAA`), 401, "unauthenticated");
    // The untouched cookie still works, also split into next-auth's chunks.
    expect((await listOwn(fresh.cookie)).status).toBe(200);
    const value = fresh.cookie.slice(name.length + 1);
    expect((await listOwn(`${name}.0=${value.slice(0, 100)}; ${name}.1=${value.slice(100)}`)).status).toBe(200);
  });
});

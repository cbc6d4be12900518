import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BadRequestError, ForbiddenError, NotFoundError } from "@/platform/errors";
import {
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from "@/modules/identity/server/api-tokens";
import { tokenScopesFor } from "@/modules/identity/server/token-scopes";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { tableText } from "../helpers/fixtures";
import { EU, useSeededRegion, type SeededRegion } from "../helpers/seeded-region";

const DAY = 86_400_000;
const input = (tenant: string | null, name = "CI pipeline", days = 30) => ({ name, tenant, expires_in_days: days });

/** Runs `change` and returns how many api_tokens and audit_entries rows it added. */
async function delta(
  world: SeededRegion,
  change: () => Promise<unknown>,
): Promise<{ tokens: number; audit: number; error?: unknown }> {
  const before = { tokens: await world.count("api_tokens"), audit: await world.count("audit_entries") };
  let error: unknown;
  await change().catch((e: unknown) => (error = e));
  return {
    tokens: (await world.count("api_tokens")) - before.tokens,
    audit: (await world.count("audit_entries")) - before.audit,
    error,
  };
}

describe.each(DATABASE_KINDS)("personal API tokens on %s", (kind) => {
  const world = useSeededRegion(kind);

  it("creates a token whose secret is shown once and stored only as its SHA-256", async () => {
    const actor = await world.session(EU.northwindViewer);
    const started = Date.now();
    const { token, secret } = await createApiToken(actor, "me", input("northwind-eu", "Reporting", 30));
    expect(secret).toMatch(/^trn_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      name: "Reporting",
      prefix: secret.slice(0, 12),
      tenant: "northwind-eu",
      state: "active",
      revoked_at: null,
      last_used_at: null,
    });
    expect(Date.parse(token.expires_at) - started).toBeGreaterThan(30 * DAY - 60_000);
    expect(Date.parse(token.expires_at) - started).toBeLessThan(30 * DAY + 60_000);
    expect(Object.keys(token).sort()).toEqual([
      "created_at",
      "expires_at",
      "id",
      "last_used_at",
      "name",
      "prefix",
      "revoked_at",
      "state",
      "tenant",
    ]);

    const row = await world.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    const secretPart = secret.slice(12); // beyond the displayed prefix
    const stored = `${await tableText(world.prisma, "api_tokens")}\n${await tableText(world.prisma, "audit_entries")}`;
    expect(stored).toContain(row.tokenHash);
    expect(stored).not.toContain(secretPart);

    // Listing never shows it again.
    const listed = await listApiTokens(actor, "me");
    expect(listed.find((t) => t.id === token.id)).toEqual(token);
    expect(JSON.stringify(listed)).not.toContain(secretPart);
  });

  it("the new secret authenticates as its owner, scoped to its tenant, and marks the token used", async () => {
    const owner = await world.session(EU.northwindViewer);
    const { token, secret } = await createApiToken(owner, "me", input("northwind-eu"));
    const actor = await authenticateApiToken(secret);
    expect(actor).toMatchObject({
      type: "user",
      userId: owner.userId,
      via: "token",
      tokenId: token.id,
      tokenTenantId: stableId("tenant", "northwind-eu"),
    });
    const used = await world.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
    expect(await authenticateApiToken(`${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`)).toBeNull();
  });

  it("lists a user's tokens newest first", async () => {
    const actor = await world.session(EU.kestrelViewer);
    const a = await createApiToken(actor, "me", input("kestrel-eu", "first"));
    const b = await createApiToken(actor, "me", input("kestrel-eu", "second"));
    const ids = (await listApiTokens(actor, "me")).map((t) => t.id);
    expect(ids.indexOf(b.token.id)).toBeLessThan(ids.indexOf(a.token.id));
    expect(ids).toHaveLength(3); // and the seeded demo token
  });

  it("each create writes exactly one audit entry describing it", async () => {
    const actor = await world.session(EU.kestrelAdmin);
    let created: Awaited<ReturnType<typeof createApiToken>> | undefined;
    const d = await delta(
      world,
      async () => (created = await createApiToken(actor, "me", input("kestrel-eu", "audited"))),
    );
    expect(d).toMatchObject({ tokens: 1, audit: 1 });
    const entry = await world.prisma.auditEntry.findFirstOrThrow({
      where: { subject: `api_token:${created!.token.id}` },
    });
    expect(entry).toMatchObject({
      action: "api_token.created",
      actorType: "user",
      actorId: actor.userId,
      tenantId: stableId("tenant", "kestrel-eu"),
      outcome: "success",
      region: "eu-central-1",
    });
    expect(entry.details).toMatchObject({ owner_id: actor.userId, name: "audited", scope: "tenant" });
  });

  it("revokes at once; revoking again changes nothing and audits nothing more", async () => {
    const actor = await world.session(EU.northwindAuditor);
    const { token, secret } = await createApiToken(actor, "me", input("northwind-eu"));
    expect(await authenticateApiToken(secret)).not.toBeNull();

    const first = await delta(world, () => revokeApiToken(actor, "me", token.id));
    expect(first).toMatchObject({ tokens: 0, audit: 1 });
    expect(await authenticateApiToken(secret)).toBeNull();
    const revoked = (await listApiTokens(actor, "me")).find((t) => t.id === token.id)!;
    expect(revoked.state).toBe("revoked");

    let again: Awaited<ReturnType<typeof revokeApiToken>> | undefined;
    const second = await delta(world, async () => (again = await revokeApiToken(actor, "me", token.id)));
    expect(second).toMatchObject({ tokens: 0, audit: 0 });
    expect(again).toEqual(revoked);
    const entries = await world.prisma.auditEntry.findMany({
      where: { subject: `api_token:${token.id}`, action: "api_token.revoked" },
    });
    expect(entries).toHaveLength(1);
  });

  it("an expired token no longer authenticates and lists as expired", async () => {
    const actor = await world.session(EU.kestrelAuditor);
    const { token, secret } = await createApiToken(actor, "me", input("kestrel-eu"));
    await world.prisma.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateApiToken(secret)).toBeNull();
    expect((await listApiTokens(actor, "me")).find((t) => t.id === token.id)!.state).toBe("expired");
  });

  it("a disabled user's tokens stop working", async () => {
    const user = await world.prisma.user.create({ data: { email: "leaver@northwind.example", name: "Leaver" } });
    await world.prisma.membership.create({
      data: { userId: user.id, tenantId: stableId("tenant", "northwind-eu"), role: "customer_viewer" },
    });
    const { secret } = await createApiToken(
      await world.session("leaver@northwind.example"),
      "me",
      input("northwind-eu"),
    );
    expect(await authenticateApiToken(secret)).not.toBeNull();
    await world.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await authenticateApiToken(secret)).toBeNull();
  });

  it("a token never outlives the membership it acts for", async () => {
    const actor = await world.session(EU.northwindAuditor);
    const membership = await world.prisma.membership.findFirstOrThrow({
      where: { userId: actor.userId, tenantId: stableId("tenant", "northwind-eu") },
    });
    expect(membership.expiresAt).not.toBeNull();
    const { token } = await createApiToken(actor, "me", input("northwind-eu", "long", 365));
    expect(token.expires_at).toBe(membership.expiresAt!.toISOString());
  });

  it("refuses a token for a tenant the owner is not a member of, storing nothing", async () => {
    const actor = await world.session(EU.kestrelAdmin);
    for (const tenant of ["northwind-eu", "northwind-gcc", "no-such-tenant"]) {
      const d = await delta(world, () => createApiToken(actor, "me", input(tenant)));
      expect(d.error, tenant).toBeInstanceOf(BadRequestError);
      expect((d.error as BadRequestError).code).toBe("not_a_member");
      expect(d).toMatchObject({ tokens: 0, audit: 0 });
    }
  });

  it("refuses a token for an expired membership", async () => {
    const user = await world.prisma.user.create({ data: { email: "expired.auditor@example.test", name: "Expired" } });
    await world.prisma.membership.create({
      data: {
        userId: user.id,
        tenantId: stableId("tenant", "kestrel-eu"),
        role: "auditor",
        expiresAt: new Date(Date.now() - DAY),
      },
    });
    const d = await delta(world, async () =>
      createApiToken(await world.session("expired.auditor@example.test"), "me", input("kestrel-eu")),
    );
    expect((d.error as BadRequestError).code).toBe("not_a_member");
    expect(d).toMatchObject({ tokens: 0, audit: 0 });
  });

  it("provider tokens (no tenant) are for provider staff only", async () => {
    const customer = await delta(world, async () =>
      createApiToken(await world.session(EU.northwindAdmin), "me", input(null)),
    );
    expect(customer.error).toBeInstanceOf(BadRequestError);
    expect((customer.error as BadRequestError).code).toBe("tenant_required");
    expect(customer).toMatchObject({ tokens: 0, audit: 0 });

    const staff = await world.session(EU.compliance);
    const { token, secret } = await createApiToken(staff, "me", input(null, "region reviews"));
    expect(token.tenant).toBeNull();
    expect(await authenticateApiToken(secret)).toMatchObject({
      userId: staff.userId,
      tokenTenantId: null,
      providerRole: "compliance_officer",
    });
    const entry = await world.prisma.auditEntry.findFirstOrThrow({ where: { subject: `api_token:${token.id}` } });
    expect(entry.details).toMatchObject({ scope: "provider" });
  });

  it("a token cannot mint tokens, not even for its own holder", async () => {
    for (const email of [EU.northwindAdmin, EU.providerAdmin]) {
      const d = await delta(world, async () =>
        createApiToken(await world.tokenActor(email), "me", input(email === EU.providerAdmin ? null : "northwind-eu")),
      );
      expect(d.error, email).toBeInstanceOf(ForbiddenError);
      expect(d).toMatchObject({ tokens: 0, audit: 0 });
    }
  });

  it("another user's tokens are not found for anyone but a provider admin, as if the user did not exist", async () => {
    const viewer = await world.session(EU.northwindViewer);
    const ana = await world.userId(EU.northwindAdmin);
    const anaToken = await world.prisma.apiToken.findFirstOrThrow({ where: { userId: ana } });
    const unknownUser = "00000000-0000-4000-8000-000000000000";

    for (const run of [
      () => listApiTokens(viewer, ana),
      () => revokeApiToken(viewer, ana, anaToken.id),
      () => createApiToken(viewer, ana, input("northwind-eu")),
    ]) {
      const err = await run().then(
        () => null,
        (e: unknown) => e as NotFoundError,
      );
      expect(err).toBeInstanceOf(NotFoundError);
      expect(err!.code).toBe("user_not_found");
    }
    const unknown = await listApiTokens(viewer, unknownUser).then(
      () => null,
      (e: unknown) => e as NotFoundError,
    );
    expect(unknown).toMatchObject({ code: "user_not_found", message: "No such user." });
    expect(await authenticateApiToken(world.token(EU.northwindAdmin))).not.toBeNull();
  });

  it("a token id of another user is not found under your own account", async () => {
    const viewer = await world.session(EU.northwindViewer);
    const anaToken = await world.prisma.apiToken.findFirstOrThrow({
      where: { userId: await world.userId(EU.northwindAdmin) },
    });
    await expect(revokeApiToken(viewer, "me", anaToken.id)).rejects.toMatchObject({ code: "token_not_found" });
    expect((await world.prisma.apiToken.findUniqueOrThrow({ where: { id: anaToken.id } })).revokedAt).toBeNull();
  });

  it("a provider admin lists and revokes anyone's tokens, audited as the admin, but cannot create tokens for them", async () => {
    const admin = await world.session(EU.providerAdmin);
    const owner = await world.userId(EU.kestrelViewer);
    const tokens = await listApiTokens(admin, owner);
    expect(tokens.length).toBeGreaterThan(0);
    const target = tokens.find((t) => t.state === "active")!;

    const d = await delta(world, () => revokeApiToken(admin, owner, target.id));
    expect(d).toMatchObject({ tokens: 0, audit: 1 });
    const entry = await world.prisma.auditEntry.findFirstOrThrow({
      where: { subject: `api_token:${target.id}`, action: "api_token.revoked" },
    });
    expect(entry).toMatchObject({ actorId: admin.userId, actorEmployer: "Terrane Cloud GmbH", actorCountry: "DE" });
    expect(entry.details).toMatchObject({ owner_id: owner });

    await expect(createApiToken(admin, owner, input("kestrel-eu"))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("offers as token scopes exactly the live memberships here, plus provider scope for staff", async () => {
    expect(await tokenScopesFor(await world.session(EU.kestrelAdmin))).toEqual([
      { value: "kestrel-eu", label: "Kestrel Health Europe (kestrel-eu)" },
    ]);
    expect(await tokenScopesFor(await world.session(EU.compliance))).toEqual([
      { value: null, label: "Provider scope (this region)" },
    ]);
    expect(await tokenScopesFor(await world.session("expired.auditor@example.test"))).toEqual([]);
  });
});

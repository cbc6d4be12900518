import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/platform/auth/actor";
import type { AuditAction } from "@/modules/audit/domain/actions";
import { appendAudit } from "@/modules/audit/server/append";
import { authenticateApiToken, createApiToken, revokeApiToken } from "@/modules/identity/server/api-tokens";
import { loadSessionActor } from "@/modules/identity/server/sign-in";
import { DATABASE_KINDS } from "../helpers/databases";
import { createTenant, createUser } from "../helpers/fixtures";
import { useMigratedRegion } from "../helpers/seeded-region";

describe.each(DATABASE_KINDS)("audit entries live and die with their change, on %s", (kind) => {
  const region = useMigratedRegion(kind);
  let admin: UserActor;
  let staff: UserActor;

  beforeAll(async () => {
    const tenant = await createTenant(region.prisma, "audited-eu");
    admin = (await loadSessionActor(
      await createUser(region.prisma, "admin@audited.example", { memberships: [[tenant, "customer_admin"]] }),
    ))!;
    staff = (await loadSessionActor(
      await createUser(region.prisma, "staff@provider.example", { providerRole: "compliance_officer" }),
    ))!;
  });

  it("an entry appended in a transaction that then fails is not kept", async () => {
    const before = await region.count("audit_entries");
    await expect(
      region.prisma.$transaction(async (tx) => {
        await appendAudit(tx, {
          actor: admin,
          action: "data_class.created",
          subject: "test:rolled-back",
          outcome: "success",
        });
        throw new Error("the change failed after its audit entry was written");
      }),
    ).rejects.toThrow("the change failed");
    expect(await region.count("audit_entries")).toBe(before);
    expect(await region.prisma.auditEntry.count({ where: { subject: "test:rolled-back" } })).toBe(0);
  });

  it("an entry appended in a transaction that commits is kept, with who did it, where and through what", async () => {
    const { secret } = await createApiToken(staff, "me", { name: "t", tenant: null, expires_in_days: 1 });
    const actor = (await authenticateApiToken(secret))!;
    await region.prisma.$transaction((tx) =>
      appendAudit(tx, {
        actor,
        action: "data_class.created",
        subject: "test:committed",
        outcome: "success",
        details: { n: 1 },
      }),
    );
    const entry = await region.prisma.auditEntry.findFirstOrThrow({ where: { subject: "test:committed" } });
    expect(entry).toMatchObject({
      region: "eu-central-1",
      actorType: "api_token",
      actorId: actor.userId,
      actorEmployer: "Terrane Cloud GmbH",
      actorCountry: "DE",
      outcome: "success",
      tenantId: null,
    });
    expect(entry.details).toEqual({ n: 1, token_id: actor.tokenId });
    expect(entry.salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it("an action missing from the registry is refused, and the change that wanted it fails with it", async () => {
    const entries = await region.count("audit_entries");
    const tokens = await region.count("api_tokens");
    await expect(
      region.prisma.$transaction(async (tx) => {
        await tx.apiToken.create({
          data: {
            userId: admin.userId,
            name: "never kept",
            prefix: "tok_never",
            tokenHash: "never-kept",
            expiresAt: new Date(Date.now() + 86_400_000),
          },
        });
        // What the compiler refuses; only a cast (or plain JavaScript) gets this far.
        await appendAudit(tx, { actor: admin, action: "api_token.minted" as AuditAction, outcome: "success" });
      }),
    ).rejects.toThrow(/unregistered audit action "api_token\.minted".*modules\/audit\/domain\/actions\.ts/);
    expect(await region.count("audit_entries")).toBe(entries);
    expect(await region.count("api_tokens")).toBe(tokens);
    expect(await region.prisma.auditEntry.count({ where: { action: "api_token.minted" } })).toBe(0);
  });

  /** Makes the database refuse audit entries for `action`, as a full disk or a bug would. */
  async function refuseAudit(action: string, run: () => Promise<void>) {
    await region.prisma.$executeRawUnsafe(
      `ALTER TABLE audit_entries ADD CONSTRAINT refuse_for_test CHECK (action <> '${action}') NOT VALID`,
    );
    try {
      await run();
    } finally {
      await region.prisma.$executeRawUnsafe(`ALTER TABLE audit_entries DROP CONSTRAINT refuse_for_test`);
    }
  }

  it("a token is not created when its audit entry cannot be written", async () => {
    const before = await region.count("api_tokens");
    await refuseAudit("api_token.created", async () => {
      await expect(
        createApiToken(admin, "me", { name: "unaudited", tenant: "audited-eu", expires_in_days: 7 }),
      ).rejects.toThrow();
    });
    expect(await region.count("api_tokens")).toBe(before);
    // Once the audit log accepts it again, the same request works.
    await expect(
      createApiToken(admin, "me", { name: "audited", tenant: "audited-eu", expires_in_days: 7 }),
    ).resolves.toBeTruthy();
  });

  it("a token is not revoked when its audit entry cannot be written", async () => {
    const { token, secret } = await createApiToken(admin, "me", {
      name: "keeps working",
      tenant: "audited-eu",
      expires_in_days: 7,
    });
    await refuseAudit("api_token.revoked", async () => {
      await expect(revokeApiToken(admin, "me", token.id)).rejects.toThrow();
    });
    expect((await region.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
    expect(await authenticateApiToken(secret)).not.toBeNull();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { resolveOidcUser } from "@/modules/identity/server/sign-in";
import { DATABASE_KINDS } from "../helpers/databases";
import { createUser } from "../helpers/fixtures";
import { useMigratedRegion } from "../helpers/seeded-region";

describe.each(DATABASE_KINDS)("single sign-on (OIDC) identities on %s", (kind) => {
  const region = useMigratedRegion(kind);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ids.invited = await createUser(region.prisma, "invited@example.test");
    ids.linked = await createUser(region.prisma, "linked@example.test");
    await region.prisma.user.update({ where: { id: ids.linked }, data: { oidcSubject: "idp|linked" } });
    ids.disabled = await createUser(region.prisma, "disabled@example.test");
    await region.prisma.user.update({
      where: { id: ids.disabled },
      data: { oidcSubject: "idp|disabled", disabledAt: new Date() },
    });
  });

  const oidcAudits = (subject: string) =>
    region.prisma.auditEntry.findMany({ where: { subject }, orderBy: { seq: "asc" } });

  it("an invited user's first sign-in links the identity by email, case-insensitively", async () => {
    expect(await resolveOidcUser({ sub: "idp|invited", email: "Invited@Example.test" })).toEqual({
      id: ids.invited,
      email: "invited@example.test",
      name: "invited",
    });
    expect((await region.prisma.user.findUniqueOrThrow({ where: { id: ids.invited } })).oidcSubject).toBe(
      "idp|invited",
    );
    const [entry] = await oidcAudits(`user:${ids.invited}`);
    expect(entry).toMatchObject({ action: "sign_in.succeeded", outcome: "success" });
    // The link is recorded with the sign-in that made it, in the same transaction.
    expect(entry!.details).toEqual({ method: "oidc", identity_linked: true });
  });

  it("afterwards the subject alone identifies the user, whatever email the provider sends", async () => {
    expect(await resolveOidcUser({ sub: "idp|invited", email: null })).toMatchObject({ id: ids.invited });
    expect(await resolveOidcUser({ sub: "idp|invited", email: "someone-else@example.test" })).toMatchObject({
      id: ids.invited,
    });
    const entries = await oidcAudits(`user:${ids.invited}`);
    expect(entries.slice(1).map((e) => e.details)).toEqual([{ method: "oidc" }, { method: "oidc" }]);
  });

  it("an identity nobody invited is refused and creates no account", async () => {
    const users = await region.count("users");
    expect(await resolveOidcUser({ sub: "idp|stranger", email: "stranger@example.test" })).toBeNull();
    expect(await region.count("users")).toBe(users);
    const [entry] = await oidcAudits("oidc:idp|stranger");
    expect(entry).toMatchObject({ action: "sign_in.failed", outcome: "failure", actorType: "anonymous" });
  });

  it("an email already linked to another identity cannot be taken over", async () => {
    expect(await resolveOidcUser({ sub: "idp|impostor", email: "linked@example.test" })).toBeNull();
    expect((await region.prisma.user.findUniqueOrThrow({ where: { id: ids.linked } })).oidcSubject).toBe("idp|linked");
  });

  it("without an email claim, an unknown subject matches nobody", async () => {
    expect(await resolveOidcUser({ sub: "idp|no-email", email: null })).toBeNull();
    expect(await resolveOidcUser({ sub: "idp|no-email" })).toBeNull();
  });

  it("a disabled user is refused", async () => {
    expect(await resolveOidcUser({ sub: "idp|disabled", email: "disabled@example.test" })).toBeNull();
    const [entry] = await oidcAudits(`user:${ids.disabled}`);
    expect(entry).toMatchObject({ action: "sign_in.failed", outcome: "failure" });
  });
});

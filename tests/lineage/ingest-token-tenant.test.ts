import { describe, expect, it } from "vitest";
import { DELETE as revokeToken } from "@/app/api/v1/region/ingest-tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/region/ingest-tokens/route";
import { createdIngestToken, ingestTokenList, ingestTokenView } from "@/modules/identity/api-schemas";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const T = "northwind-eu";

describe.each(DATABASE_KINDS)("ingest tokens bound to a tenant on %s", (kind) => {
  const region = useSeededRegion(kind, "eu-central-1");

  const mint = (email: string, body: unknown) =>
    call(
      createToken,
      request("/api/v1/region/ingest-tokens", {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(region.token(email)) },
        body: JSON.stringify(body),
      }),
    );
  const list = async () => {
    const res = await call(
      listTokens,
      request("/api/v1/region/ingest-tokens", { headers: bearer(region.token(EU.providerAdmin)) }),
    );
    expect(res.status).toBe(200);
    return ingestTokenList.parse(await res.json());
  };
  const state = async () => ({
    tokens: await region.prisma.ingestToken.count(),
    audit: await region.prisma.auditEntry.count(),
  });

  it("a provider admin binds a token to a tenant homed here: shown in the answer and the list, audited in the tenant's log", async () => {
    const res = await mint(EU.providerAdmin, { name: "northwind dbt", tenant: T });
    expect(res.status, await res.clone().text()).toBe(200);
    const created = createdIngestToken.parse(await res.json());
    expect(created).toMatchObject({ name: "northwind dbt", region: "eu-central-1", tenant: T });
    const row = await region.prisma.ingestToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tenantId).toBe(stableId("tenant", T));

    const unbound = createdIngestToken.parse(await (await mint(EU.providerAdmin, { name: "data plane" })).json());
    expect(unbound.tenant).toBeNull();
    const nulled = createdIngestToken.parse(
      await (await mint(EU.providerAdmin, { name: "data plane 2", tenant: null })).json(),
    );
    expect(nulled.tenant).toBeNull();

    const tokens = (await list()).tokens;
    expect(tokens.find((t) => t.id === created.id)?.tenant).toBe(T);
    expect(tokens.find((t) => t.id === unbound.id)?.tenant).toBeNull();

    const audit = await region.prisma.auditEntry.findFirstOrThrow({
      where: { action: "ingest_token.created", subject: `ingest_token:${created.id}` },
      select: { tenantId: true, details: true },
    });
    expect(audit).toMatchObject({ tenantId: stableId("tenant", T), details: { name: "northwind dbt", tenant: T } });
    const unboundAudit = await region.prisma.auditEntry.findFirstOrThrow({
      where: { action: "ingest_token.created", subject: `ingest_token:${unbound.id}` },
      select: { tenantId: true, details: true },
    });
    expect(unboundAudit).toMatchObject({ tenantId: null, details: { tenant: null } });

    const revoked = await call(
      revokeToken,
      request(`/api/v1/region/ingest-tokens/${created.id}`, {
        method: "DELETE",
        headers: bearer(region.token(EU.providerAdmin)),
      }),
      { id: created.id },
    );
    expect(revoked.status).toBe(200);
    expect(ingestTokenView.parse(await revoked.json())).toMatchObject({ tenant: T });
    expect(
      await region.prisma.auditEntry.findFirstOrThrow({
        where: { action: "ingest_token.revoked", subject: `ingest_token:${created.id}` },
        select: { tenantId: true, details: true },
      }),
    ).toMatchObject({ tenantId: stableId("tenant", T), details: { tenant: T } });
  });

  it("bad input: an unknown tenant, a tenant homed elsewhere, a malformed slug — 400 and nothing created", async () => {
    const before = await state();
    const unknown = await expectProblem(
      await mint(EU.providerAdmin, { name: "x", tenant: "no-such-tenant" }),
      400,
      "unknown_tenant",
    );
    expect(unknown).toMatchObject({ path: "tenant", detail: 'No tenant "no-such-tenant" is known here.' });
    const elsewhere = await expectProblem(
      await mint(EU.providerAdmin, { name: "x", tenant: "northwind-gcc" }),
      400,
      "wrong_region",
    );
    expect(elsewhere).toMatchObject({ path: "tenant", home_region: "me-central-1" });
    expect(elsewhere.detail).toMatch(/northwind-gcc is homed in me-central-1; create its ingest token in that region/);
    for (const tenant of ["Northwind EU", "", 42, ["northwind-eu"], "-x", "a".repeat(64)]) {
      await expectProblem(await mint(EU.providerAdmin, { name: "x", tenant }), 400, "invalid_body");
    }
    await expectProblem(
      await mint(EU.providerAdmin, { name: "x", tenant: T, region: "us-east-1" }),
      400,
      "invalid_body",
    );
    expect(await state()).toEqual(before);
  });

  it("only provider admins bind tokens: the tenant's own admin and everyone else get 403, nothing created", async () => {
    const before = await state();
    for (const email of [
      EU.northwindAdmin,
      EU.northwindViewer,
      EU.northwindAuditor,
      EU.kestrelAdmin,
      EU.compliance,
      EU.support,
    ]) {
      await expectProblem(await mint(email, { name: "mine", tenant: T }), 403, "forbidden");
    }
    expect(await state()).toEqual(before);
  });
});

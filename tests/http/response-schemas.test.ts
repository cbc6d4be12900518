/**
 * The response schemas in modules/<m>/api-schemas.ts (and so the OpenAPI document) describe
 * what the handlers really answer: real responses from a seeded region, parsed with the
 * schemas, which are strict objects all the way down. A field added, renamed (say back to
 * camelCase) or retyped in a handler without its schema fails here.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { GET as health } from "@/app/api/health/route";
import { GET as regions } from "@/app/api/v1/regions/route";
import { GET as jwks } from "@/app/api/v1/audit/jwks/route";
import { GET as listTenants } from "@/app/api/v1/tenants/route";
import { GET as regionTenants } from "@/app/api/v1/region/tenants/route";
import { GET as overview } from "@/app/api/v1/tenants/[tenant]/route";
import { GET as contacts } from "@/app/api/v1/tenants/[tenant]/contacts/route";
import { GET as keys } from "@/app/api/v1/tenants/[tenant]/keys/route";
import { GET as audit } from "@/app/api/v1/tenants/[tenant]/audit/route";
import { GET as dataClasses } from "@/app/api/v1/tenants/[tenant]/data-classes/route";
import { GET as decisions } from "@/app/api/v1/tenants/[tenant]/decisions/route";
import { GET as matrix } from "@/app/api/v1/tenants/[tenant]/decisions/matrix/route";
import { GET as decision } from "@/app/api/v1/tenants/[tenant]/decisions/[decision]/route";
import { GET as lineage } from "@/app/api/v1/tenants/[tenant]/lineage/route";
import { GET as listTokens } from "@/app/api/v1/users/[user]/tokens/route";
import { DELETE as revokeToken } from "@/app/api/v1/users/[user]/tokens/[token]/route";
import { GET as ingestTokens, POST as createIngestToken } from "@/app/api/v1/region/ingest-tokens/route";
import { healthView, regionList } from "@/platform/region/api-schemas";
import { regionJwks, tenantAuditPage } from "@/modules/audit/api-schemas";
import { regionTenantList, switcherTenantList, tenantContacts, tenantOverview } from "@/modules/tenants/api-schemas";
import { keyList } from "@/modules/keys/api-schemas";
import { dataClassList, decisionDetail, decisionList, sharingMatrix } from "@/modules/sharing/api-schemas";
import { tenantLineage } from "@/modules/lineage/api-schemas";
import { apiTokenList, createdIngestToken, ingestTokenList, revokedApiToken } from "@/modules/identity/api-schemas";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";

type Handler = Parameters<typeof call>[0];

describe.each(DATABASE_KINDS)("response schemas match real responses on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });

  async function answer(
    handler: Handler,
    path: string,
    params: Record<string, string>,
    schema: z.ZodType,
    init: RequestInit & { headers?: Record<string, string> } = {},
    as: (typeof EU)[keyof typeof EU] = EU.northwindAdmin,
  ): Promise<unknown> {
    const res = await call(
      handler,
      request(path, { ...init, headers: { ...bearer(world.token(as)), ...init.headers } }),
      params,
    );
    const text = await res.text();
    expect(res.status, `${path}: ${text.slice(0, 300)}`).toBeLessThan(300);
    const parsed = schema.safeParse(JSON.parse(text));
    expect(parsed.success ? [] : parsed.error.issues, `${path} answers what its schema says`).toEqual([]);
    return parsed.data;
  }

  it("platform: health and regions", async () => {
    await answer(health, "/api/health", {}, healthView);
    await answer(regions, "/api/v1/regions", {}, regionList);
    await answer(jwks, "/api/v1/audit/jwks", {}, regionJwks);
  });

  it("tenants: the switcher list, the region's tenants, the overview and contacts", async () => {
    await answer(listTenants, "/api/v1/tenants", {}, switcherTenantList);
    await answer(regionTenants, "/api/v1/region/tenants", {}, regionTenantList, {}, EU.providerAdmin);
    const t = { tenant: "northwind-eu" };
    await answer(overview, "/api/v1/tenants/northwind-eu", t, tenantOverview);
    await answer(contacts, "/api/v1/tenants/northwind-eu/contacts", t, tenantContacts);
  });

  it("keys, audit, data classes, decisions, the matrix, one decision and the lineage graph", async () => {
    const t = { tenant: "northwind-eu" };
    await answer(keys, "/api/v1/tenants/northwind-eu/keys", t, keyList);
    const page = (await answer(audit, "/api/v1/tenants/northwind-eu/audit", t, tenantAuditPage)) as {
      entries: unknown[];
    };
    expect(page.entries.length).toBeGreaterThan(0);
    await answer(dataClasses, "/api/v1/tenants/northwind-eu/data-classes", t, dataClassList);
    const list = (await answer(decisions, "/api/v1/tenants/northwind-eu/decisions", t, decisionList)) as {
      decisions: { id: string }[];
    };
    expect(list.decisions.length, "the seed has decisions").toBeGreaterThan(0);
    const id = list.decisions[0]!.id;
    await answer(decision, `/api/v1/tenants/northwind-eu/decisions/${id}`, { ...t, decision: id }, decisionDetail);
    await answer(matrix, "/api/v1/tenants/northwind-eu/decisions/matrix", t, sharingMatrix);
    await answer(lineage, "/api/v1/tenants/northwind-eu/lineage", t, tenantLineage);
    await answer(lineage, "/api/v1/tenants/northwind-eu/lineage?view=summary", t, tenantLineage);
  });

  it("identity: personal tokens (listed and revoked) and region ingest tokens (created and listed)", async () => {
    const me = { user: "me" };
    const mine = (await answer(listTokens, "/api/v1/users/me/tokens", me, apiTokenList, {}, EU.northwindViewer)) as {
      tokens: { id: string; last_used_at: string | null }[];
    };
    expect(mine.tokens[0]!.last_used_at, "the token just used is stamped").not.toBeNull();
    await answer(
      createIngestToken,
      "/api/v1/region/ingest-tokens",
      {},
      createdIngestToken,
      {
        method: "POST",
        body: JSON.stringify({ name: "schema check" }),
        headers: { "content-type": "application/json" },
      },
      EU.providerAdmin,
    );
    await answer(ingestTokens, "/api/v1/region/ingest-tokens", {}, ingestTokenList, {}, EU.providerAdmin);
    const token = mine.tokens[0]!.id;
    await answer(
      revokeToken,
      `/api/v1/users/me/tokens/${token}`,
      { ...me, token },
      revokedApiToken,
      { method: "DELETE" },
      EU.northwindViewer,
    );
  });
});

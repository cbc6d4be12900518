import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { seedIngestToken } from "@/prisma/seed/seed-keys";
import { stableId } from "@/prisma/seed/world";
import { signGrantToken } from "@/modules/support/server/grant-token";
import { createWebhook } from "@/modules/notifications/server/webhooks";
import { dispatchDueWebhooks } from "@/modules/notifications/server/deliver";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { callAuthorize, callSupport, requestBody } from "./routes";

const SLUG = "northwind-eu";
const TENANT = stableId("tenant", SLUG);
const MINUTE = 60_000;

describe.each(DATABASE_KINDS)("grant tokens at the edges, and support events on a tenant webhook, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });
  let ingest: string;
  let grant: { id: string; requestId: string; requesterId: string; notBefore: Date; expiresAt: Date };

  const claimsOf = (tenant = SLUG, tenantId = TENANT, grantId = grant.id) => ({
    grant_id: grantId,
    tenant,
    tenant_id: tenantId,
    scope: { stores: [], data_classes: ["business_records"], access: "read" },
    reason: "customer_initiated_support",
    approvers: [],
    grant_expires_at: grant.expiresAt.toISOString(),
  });
  const ask = async (token: string) =>
    (await (
      await callAuthorize(ingest, { token, principal: EU.support, data_class: "business_records", operation: "read" })
    ).json()) as { allow: boolean; code: string };

  beforeAll(async () => {
    ingest = await seedIngestToken(world.prisma, "eu-central-1");
    await callSupport("put policy", SLUG, {
      token: world.token(EU.northwindAdmin),
      body: {
        approvals_required: 1,
        request_lifetime_hours: 12,
        max_grant_hours: 8,
        denied_reasons: [],
        allow_read_write: true,
      },
    });
    const created = (await (
      await callSupport("create request", SLUG, { token: world.token(EU.support), body: requestBody() })
    ).json()) as { id: string };
    await callSupport("approve", SLUG, { token: world.token(EU.northwindAdmin), id: created.id });
    grant = await world.prisma.supportGrant.findUniqueOrThrow({ where: { requestId: created.id } });
  });

  it("refuses a token signed by this region but issued two minutes ahead (clock skew beyond 60 s)", async () => {
    const now = new Date(Date.now() + 2 * MINUTE);
    const { token } = await signGrantToken({
      claims: claimsOf(),
      subject: grant.requesterId,
      notBefore: now,
      expiresAt: grant.expiresAt,
      now,
    });
    expect(await ask(token)).toMatchObject({ allow: false, code: "clock_skew" });
  });

  it("accepts 30 s of skew, and refuses an expired token", async () => {
    const skewed = new Date(Date.now() + 30_000);
    const ok = await signGrantToken({
      claims: claimsOf(),
      subject: grant.requesterId,
      notBefore: grant.notBefore,
      expiresAt: grant.expiresAt,
      now: skewed,
    });
    expect(await ask(ok.token)).toMatchObject({ allow: true });
    const old = new Date(Date.now() - 20 * MINUTE);
    const expired = await signGrantToken({
      claims: claimsOf(),
      subject: grant.requesterId,
      notBefore: old,
      expiresAt: grant.expiresAt,
      now: old,
    });
    expect(await ask(expired.token)).toMatchObject({ allow: false, code: "token_expired" });
  });

  it("refuses a token that names this grant under another tenant, or another person", async () => {
    const now = new Date();
    const kestrel = stableId("tenant", "kestrel-eu");
    const otherTenant = await signGrantToken({
      claims: claimsOf("kestrel-eu", kestrel),
      subject: grant.requesterId,
      notBefore: now,
      expiresAt: grant.expiresAt,
      now,
    });
    expect(await ask(otherTenant.token)).toMatchObject({ allow: false, code: "unknown_grant" });
    const otherPerson = await signGrantToken({
      claims: claimsOf(),
      subject: await world.userId(EU.compliance),
      notBefore: now,
      expiresAt: grant.expiresAt,
      now,
    });
    expect(await ask(otherPerson.token)).toMatchObject({ allow: false, code: "unknown_grant" });
  });

  describe("a tenant webhook", () => {
    let receiver: Server;
    const received: { headers: Record<string, string>; body: string }[] = [];
    let secret: string;

    beforeAll(async () => {
      process.env.WEBHOOKS_ALLOW_HTTP_LOCALHOST = "true";
      receiver = createServer((req, res) => {
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => {
          received.push({ headers: req.headers as Record<string, string>, body });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
      const port = (receiver.address() as AddressInfo).port;
      const created = await createWebhook(
        await world.session(EU.northwindAdmin),
        SLUG,
        { url: `http://127.0.0.1:${port}/hooks`, description: "SOC", events: [] },
        { surface: "api", path: "/x" },
      );
      secret = created.secret;
    });
    afterAll(async () => {
      delete process.env.WEBHOOKS_ALLOW_HTTP_LOCALHOST;
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    });

    it("receives a new request and its revocation, signed per Standard Webhooks", async () => {
      const created = (await (
        await callSupport("create request", SLUG, {
          token: world.token(EU.support),
          body: requestBody({ ticket: "NW-HOOK" }),
        })
      ).json()) as { id: string };
      const approved = (await (
        await callSupport("approve", SLUG, { token: world.token(EU.northwindAdmin), id: created.id })
      ).json()) as { grant: { id: string } };
      await callSupport("revoke", SLUG, { token: world.token(EU.northwindAdmin), id: approved.grant.id, body: {} });
      const dispatch = await dispatchDueWebhooks({ timeoutMs: 5_000 });
      await dispatch.done;
      const hook = new Webhook(secret);
      const events = received.map(
        (r) => hook.verify(r.body, r.headers) as { type: string; data: { request_id: string } },
      );
      const mine = events.filter((e) => e.data.request_id === created.id).map((e) => e.type);
      expect(mine).toEqual(
        expect.arrayContaining([
          "support_access.request_created",
          "support_access.request_approved",
          "support_access.grant_revoked",
        ]),
      );
      expect(() => hook.verify(received[0]!.body.replace("support", "Support"), received[0]!.headers)).toThrow();
    });
  });
});

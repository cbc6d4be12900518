import { beforeAll, describe, expect, it } from "vitest";
import { GET as tenantAudit } from "@/app/api/v1/tenants/[tenant]/audit/route";
import { GET as contactsRoute } from "@/app/api/v1/tenants/[tenant]/contacts/route";
import { disableKey, enableKey } from "@/modules/keys/server/lifecycle";
import { listTenantContactsIfAllowed } from "@/modules/tenants/server/contacts";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { ORIGIN, primaryKeyId, tenantId, useKeyWorld } from "../helpers/keys-world";
import { EU } from "../helpers/seeded-region";

const SLUG = "northwind-eu";

interface Contact {
  purpose: string;
  name: string;
  email: string;
  phone: string | null;
}
type Answer = { available: true; value: Contact[] } | { available: false; reason: string; state: string };
interface EntryView {
  action: string;
  outcome: string;
  actor: { type: string; id: string | null; employer: string | null; country: string | null };
  details: Record<string, unknown>;
}

describe.each(DATABASE_KINDS)("who reads a tenant's contact people, on %s", (kind) => {
  const world = useKeyWorld(kind);
  const get = (email: string | null, slug = SLUG) =>
    call(
      contactsRoute,
      request(`/api/v1/tenants/${slug}/contacts`, {
        headers: email ? bearer(world.token(email)) : { authorization: "Bearer trn_bad" },
      }),
      { tenant: slug },
    );
  const providerReads = () =>
    world.prisma.auditEntry.findMany({
      where: { action: "contacts.read_by_provider", tenantId: tenantId(SLUG) },
      orderBy: { seq: "asc" },
      select: { actorId: true, outcome: true, details: true },
    });
  /** The tenant's audit log as its admin reads it through the API. */
  const adminReadsLog = async (query: string): Promise<EntryView[]> => {
    const res = await call(
      tenantAudit,
      request(`/api/v1/tenants/${SLUG}/audit${query}`, { headers: bearer(world.token(EU.northwindAdmin)) }),
      { tenant: SLUG },
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { entries: EntryView[] }).entries;
  };

  let keyId: string;
  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
  });

  it("the tenant's admins and viewers read every contact, decrypted, and their reads are not provider accesses", async () => {
    for (const email of [EU.northwindAdmin, EU.northwindViewer]) {
      const res = await get(email);
      expect(res.status, email).toBe(200);
      const body = (await res.json()) as Answer;
      expect(body).toEqual({
        available: true,
        value: [
          {
            purpose: "billing",
            name: "Maja Lindqvist",
            email: "accounts@northwind.example",
            phone: "+46 8 555 014 40",
          },
          { purpose: "privacy", name: "Tomás Arriaga", email: "dpo@northwind.example", phone: "+34 91 555 80 13" },
          { purpose: "security", name: "Ingrid Falk", email: "security@northwind.example", phone: "+46 8 555 014 22" },
        ],
      });
    }
    expect(await providerReads()).toEqual([]);
  });

  it("a compliance officer reads only the designated security and privacy contacts, and the customer sees that read", async () => {
    const res = await get(EU.compliance);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.available && body.value.map((c) => [c.purpose, c.name])).toEqual([
      ["privacy", "Tomás Arriaga"],
      ["security", "Ingrid Falk"],
    ]);
    expect(JSON.stringify(body)).not.toContain("Maja Lindqvist");

    const officer = await world.userId(EU.compliance);
    const entries = (await adminReadsLog("?action=contacts.&limit=200")).filter((e) => e.actor.id === officer);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "contacts.read_by_provider",
      outcome: "success",
      actor: { type: "api_token", id: officer },
      details: { purposes: ["privacy", "security"], count: 2, surface: "api", provider_role: "compliance_officer" },
    });
    // Provider staff carry their employer, so the customer sees who read it and from where.
    expect(entries[0]!.actor.employer).toBeTruthy();
    // Every read is one entry: a second read, a second entry.
    expect((await get(EU.compliance)).status).toBe(200);
    expect((await providerReads()).filter((e) => e.actorId === officer)).toHaveLength(2);
  });

  it("a provider read whose audit entry cannot be written returns nothing (one transaction)", async () => {
    // The database itself refuses the entry, as a full disk or a broken connection would.
    await world.prisma
      .$executeRawUnsafe(`CREATE FUNCTION test_refuse_provider_read() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'contacts.read_by_provider' THEN RAISE EXCEPTION 'audit unavailable'; END IF; RETURN NEW; END $$`);
    await world.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_provider_read BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION test_refuse_provider_read()`,
    );
    try {
      const before = (await providerReads()).length;
      const res = await get(EU.compliance);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toMatch(/Ingrid|Tomás/);
      expect((await providerReads()).length).toBe(before);
      // Members' reads are not provider accesses and do not depend on that entry.
      expect((await get(EU.northwindViewer)).status).toBe(200);
    } finally {
      await world.prisma.$executeRawUnsafe(`DROP TRIGGER test_refuse_provider_read ON audit_entries`);
      await world.prisma.$executeRawUnsafe(`DROP FUNCTION test_refuse_provider_read()`);
    }
  });

  it("auditors, provider admins and support engineers are refused (403) and nothing is decrypted; only the auditor's attempt is recorded", async () => {
    const before = { audit: await world.count("audit_entries") };
    for (const email of [EU.northwindAuditor, EU.providerAdmin, EU.support]) {
      const problem = await expectProblem(await get(email), 403, "forbidden");
      expect(JSON.stringify(problem), email).not.toMatch(/Ingrid|Tomás|Maja/);
    }
    // A refused read is not an access.denied entry (only refused changes are), but an auditor's
    // is: the tenant's admins see what their auditors tried outside the engagement.
    expect(await world.count("audit_entries")).toBe(before.audit + 1);
    const denied = await world.prisma.auditEntry.findFirstOrThrow({
      where: { action: "access.denied", actorId: await world.userId(EU.northwindAuditor) },
    });
    expect(denied.details).toMatchObject({ attempted_action: "contacts.read", status: 403 });
  });

  it("another organisation's people are told the tenant does not exist; a bad token is 401", async () => {
    for (const email of [EU.kestrelAdmin, EU.kestrelViewer, EU.kestrelAuditor]) {
      const notMember = await expectProblem(await get(email), 404, "tenant_not_found");
      expect(notMember).toEqual(await expectProblem(await get(email, "no-such-tenant"), 404, "tenant_not_found"));
    }
    await expectProblem(await get(null), 401, "invalid_token");
  });

  it("while the key is disabled nobody reads them; a compliance officer's attempt is recorded as a failed provider read", async () => {
    const admin = await world.session(EU.northwindAdmin);
    await disableKey(admin, SLUG, keyId, SLUG, ORIGIN);
    try {
      for (const email of [EU.northwindViewer, EU.compliance]) {
        const body = (await (await get(email)).json()) as Answer;
        expect(body, email).toMatchObject({ available: false, state: "disabled" });
        expect(JSON.stringify(body)).not.toMatch(/Ingrid|Tomás|Maja/);
      }
      const last = (await providerReads()).at(-1);
      expect(last).toMatchObject({ outcome: "failure", details: { key_state: "disabled" } });
    } finally {
      await enableKey(admin, SLUG, keyId, ORIGIN);
    }
  });

  it("the keys page shows auditors the keys without the contacts (null), members with them", async () => {
    const page = { surface: "page", path: `/t/${SLUG}/keys` } as const;
    expect(await listTenantContactsIfAllowed(await world.session(EU.northwindAuditor), SLUG, page)).toBeNull();
    expect(await listTenantContactsIfAllowed(await world.session(EU.northwindViewer), SLUG, page)).toMatchObject({
      available: true,
    });
  });
});

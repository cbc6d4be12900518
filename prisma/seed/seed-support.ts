import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { appendAudit } from "@/modules/audit/server/append";
import type { UserActor } from "@/platform/auth/actor";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Person = { id: string; email: string; name: string; employer: string | null; officeCountry: string | null };

function actorOf(p: Person): UserActor {
  return {
    type: "user",
    userId: p.id,
    email: p.email,
    name: p.name,
    providerRole: null,
    employer: p.employer,
    officeCountry: p.officeCountry,
    via: "session",
    tokenId: null,
    tokenTenantId: null,
  };
}

/**
 * Support-access history of northwind-eu, so its pages are not empty: a request approved by two
 * admins whose grant ended with reads inside it, one denied, one waiting for approval, and one
 * access reported outside any grant. Written directly, with the audit entries the API would write.
 */
export async function seedSupport(prisma: PrismaClient): Promise<void> {
  const tenant = await prisma.tenant.findUnique({ where: { slug: "northwind-eu" }, select: { id: true } });
  if (!tenant) return;
  const person = { id: true, email: true, name: true, employer: true, officeCountry: true } as const;
  const engineer = await prisma.user.findFirst({
    where: { providerRole: "support_engineer" },
    select: { ...person, locationCountry: true, jobTitle: true },
  });
  const admins = await prisma.user.findMany({
    where: { memberships: { some: { tenantId: tenant.id, role: "customer_admin" } } },
    orderBy: { email: "asc" },
    select: person,
  });
  if (!engineer || admins.length < 2) return;
  const [ana, ben] = [
    admins.find((a) => a.email.startsWith("ana")) ?? admins[0]!,
    admins.find((a) => a.email.startsWith("ben")) ?? admins[1]!,
  ];
  const store = await prisma.store.findFirst({
    where: { tenantId: tenant.id, name: "customer-profiles" },
    select: { id: true },
  });
  const stores = store ? [store.id] : [];
  const now = Date.now();
  const profile = {
    jobTitle: engineer.jobTitle,
    employer: engineer.employer ?? "Terrane Cloud GmbH",
    officeCountry: engineer.officeCountry ?? "DE",
    locationCountry: engineer.locationCountry ?? "DE",
  };
  await prisma.supportPolicy.upsert({
    where: { tenantId: tenant.id },
    create: {
      tenantId: tenant.id,
      approvalsRequired: 2,
      requestLifetimeHours: 12,
      maxGrantHours: 8,
      deniedReasons: ["third_party_data_request"],
      allowReadWrite: false,
      updatedById: ana.id,
    },
    update: {},
  });

  await prisma.$transaction(async (tx) => {
    // 1. Approved by both admins five days ago; the grant ran two hours and ended.
    const endedId = randomUUID();
    const created = new Date(now - 5 * DAY);
    const start = new Date(created.getTime() + 40 * MINUTE);
    await tx.supportRequest.create({
      data: {
        id: endedId,
        tenantId: tenant.id,
        requesterId: engineer.id,
        state: "ended",
        reason: "customer_initiated_support",
        detail:
          "Shipments for three consignees show a wrong delivery status; need to read the order rows to find the bad import.",
        ticket: "NW-4821",
        access: "read",
        storeIds: stores,
        dataClasses: ["customer_pii", "business_records"],
        requestedStart: created,
        durationMinutes: 120,
        ...profile,
        approvalsRequired: 2,
        createdAt: created,
        expiresAt: new Date(created.getTime() + 12 * HOUR),
        decidedAt: start,
      },
    });
    await tx.supportApproval.createMany({
      data: [
        { requestId: endedId, round: 0, approverId: ana.id, createdAt: new Date(start.getTime() - 15 * MINUTE) },
        { requestId: endedId, round: 0, approverId: ben.id, createdAt: start },
      ],
    });
    const grantId = randomUUID();
    await tx.supportGrant.create({
      data: {
        id: grantId,
        requestId: endedId,
        tenantId: tenant.id,
        requesterId: engineer.id,
        notBefore: start,
        expiresAt: new Date(start.getTime() + 120 * MINUTE),
        approverIds: [ana.id, ben.id],
        createdAt: start,
      },
    });
    await appendAudit(tx, {
      actor: actorOf(engineer),
      tenantId: tenant.id,
      action: "support.request_created",
      subject: `support_request:${endedId}`,
      outcome: "success",
      details: { reason: "customer_initiated_support", ticket: "NW-4821", seeded: true },
    });
    await appendAudit(tx, {
      actor: actorOf(ben),
      tenantId: tenant.id,
      action: "support.grant_issued",
      subject: `support_grant:${grantId}`,
      outcome: "success",
      details: { request_id: endedId, approvers: [ana.id, ben.id], seeded: true },
    });
    const events = Array.from({ length: 6 }, (_, i) => ({
      tenantId: tenant.id,
      eventId: `seed-access-${i + 1}`,
      time: new Date(start.getTime() + (10 + i * 15) * MINUTE),
      principal: engineer.email,
      jobTitle: engineer.jobTitle,
      employer: profile.employer,
      officeCountry: profile.officeCountry,
      locationCountry: profile.locationCountry,
      store: store?.id ?? null,
      dataClass: i % 2 === 0 ? "customer_pii" : "business_records",
      operation: "read",
      method: "sql_console",
      reason: "customer_initiated_support",
      grantId,
      verdict: "within_grant",
      verdictReason: "Inside the grant's window and scope.",
      ingestTokenId: "seed",
    }));
    // 2. One access a day later, after the grant had ended: outside any grant.
    const outsideAt = new Date(now - 4 * DAY);
    events.push({
      ...events[0]!,
      eventId: "seed-access-outside-1",
      time: outsideAt,
      dataClass: "customer_pii",
      verdict: "outside_grant",
      verdictReason: "The grant had expired.",
    });
    await tx.supportAccessEvent.createMany({ data: events });
    const day = (d: Date) => new Date(d.toISOString().slice(0, 10));
    await tx.supportAccessDaily.createMany({
      data: [
        { tenantId: tenant.id, day: day(start), grantId, verdict: "within_grant", count: 6 },
        { tenantId: tenant.id, day: day(outsideAt), grantId, verdict: "outside_grant", count: 1 },
      ],
    });
    // 3. Denied two days ago.
    const deniedAt = new Date(now - 2 * DAY);
    await tx.supportRequest.create({
      data: {
        tenantId: tenant.id,
        requesterId: engineer.id,
        state: "denied",
        reason: "provider_initiated_review",
        detail: "Quarterly capacity review of the tracking index.",
        access: "read",
        storeIds: [],
        dataClasses: ["business_records"],
        requestedStart: deniedAt,
        durationMinutes: 60,
        ...profile,
        approvalsRequired: 2,
        createdAt: new Date(deniedAt.getTime() - HOUR),
        expiresAt: new Date(deniedAt.getTime() + 11 * HOUR),
        decidedAt: deniedAt,
        deniedById: ben.id,
        denialReason: "Not needed: use the aggregated capacity dashboards.",
      },
    });
    // 4. Waiting for the two approvals now.
    await tx.supportRequest.create({
      data: {
        tenantId: tenant.id,
        requesterId: engineer.id,
        state: "pending",
        reason: "customer_initiated_support",
        detail:
          "Customer reports duplicate invoices for March; need to read the billing rows for the affected accounts.",
        ticket: "NW-4907",
        access: "read",
        storeIds: [],
        dataClasses: ["business_records"],
        requestedStart: new Date(now),
        durationMinutes: 90,
        ...profile,
        approvalsRequired: 2,
        createdAt: new Date(now - 30 * MINUTE),
        expiresAt: new Date(now + 11 * HOUR),
      },
    });
  });
}

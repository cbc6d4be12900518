import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { currentRegion, regionUrl } from "@/platform/region/registry";
import { notify } from "@/modules/notifications/server/notify";
import { recipientsFor } from "@/modules/notifications/server/recipients";
import type { TenantRef } from "@/platform/access/with-tenant";
import type { EvidenceAccess } from "@/modules/evidence/domain/engagement";
import { instantWords, scopeWords } from "@/modules/evidence/domain/scope-request";

/**
 * The evidence module's notifications, each in the transaction of the change it tells of: the
 * in-app list, the tenant's webhooks and (when SMTP is configured) e-mail exist only if it commits.
 */

interface Engagement {
  id: string;
  userId: string;
  access: EvidenceAccess;
  from: Date | null;
  to: Date | null;
  expiresAt: Date | null;
}

const until = (d: Date | null) => (d ? instantWords(d) : "the tenant revokes it");

const scopeData = (e: { access: EvidenceAccess; from: Date | null; to: Date | null; expiresAt: Date | null }) => ({
  access: e.access,
  scope_from: e.from?.toISOString() ?? null,
  scope_to: e.to?.toISOString() ?? null,
  expires_at: e.expiresAt?.toISOString() ?? null,
});

/** Tells an invited auditor what they may read, until when, where to sign in, and that the NDA comes first. */
export async function announceInvitation(
  tx: Tx,
  tenant: TenantRef,
  e: Engagement & { invitedBy: string; changed: boolean; ndaAccepted: boolean },
): Promise<void> {
  const region = currentRegion();
  const signIn = regionUrl(region.id, `/t/${tenant.slug}/engagement`);
  const body = [
    e.changed
      ? `${e.invitedBy} changed your engagement as an auditor of ${tenant.name}.`
      : `${e.invitedBy} invited you to audit ${tenant.name}'s data residency.`,
    "",
    `You may read ${scopeWords(e)}.`,
    `Your access ends ${until(e.expiresAt)}.`,
    "",
    `Sign in on Terrane's ${region.id} instance, where ${tenant.name}'s data is homed (${signIn}), with this e-mail address, through your organisation's sign-in as usual.`,
    e.ndaAccepted
      ? "You have accepted the tenant's non-disclosure agreement; it stays accepted."
      : `You must read and accept ${tenant.name}'s non-disclosure agreement first: until you do, you can see nothing else of the tenant.`,
    "Every view and download you make is recorded and shown to the tenant.",
  ].join("\n");
  await notify(tx, {
    tenantId: tenant.id,
    event: "evidence.auditor_invited",
    title: e.changed
      ? `Your engagement with ${tenant.name} changed`.slice(0, 200)
      : `You are invited to audit ${tenant.name}`.slice(0, 200),
    body,
    link: `/t/${tenant.slug}/engagement`,
    recipients: [e.userId],
    data: { tenant: tenant.slug, auditor_id: e.id, changed: e.changed, ...scopeData(e) },
  });
}

/** Tells the tenant's customer admins and the region's compliance officers that an auditor asks for more. */
export async function announceScopeRequest(
  tx: Tx,
  tenant: TenantRef,
  r: { id: string; auditorName: string; engagementId: string; reason: string } & {
    asked: { access: EvidenceAccess; from: Date; to: Date };
    expiresAt: Date | null;
  },
): Promise<void> {
  const recipients = await recipientsFor(tx, tenant.id, ["customer_admins", "compliance_officers"]);
  await notify(tx, {
    tenantId: tenant.id,
    event: "evidence.scope_requested",
    title: `${r.auditorName} asks for more access to ${tenant.name}'s evidence`.slice(0, 200),
    body: [
      `${r.auditorName} asks to read ${scopeWords(r.asked)}, until their access ends ${until(r.expiresAt)}.`,
      "",
      `Their reason: ${r.reason}`,
      "",
      "Approve or deny it on the Auditors page.",
    ].join("\n"),
    link: `/t/${tenant.slug}/auditors#scope-request-${r.id}`,
    recipients,
    data: {
      tenant: tenant.slug,
      auditor_id: r.engagementId,
      request_id: r.id,
      access: r.asked.access,
      scope_from: r.asked.from.toISOString(),
      scope_to: r.asked.to.toISOString(),
    },
  });
}

/** Tells the auditor how their request was decided, and what they may read now. */
export async function announceScopeDecision(
  tx: Tx,
  tenant: TenantRef,
  d: { requestId: string; decision: "approve" | "deny"; decidedBy: string; note: string | null } & {
    engagement: Engagement;
  },
): Promise<void> {
  const approved = d.decision === "approve";
  const e = d.engagement;
  await notify(tx, {
    tenantId: tenant.id,
    event: approved ? "evidence.scope_approved" : "evidence.scope_denied",
    title: `${tenant.name} ${approved ? "approved" : "denied"} your request for more access`.slice(0, 200),
    body: [
      `${d.decidedBy} ${approved ? "approved" : "denied"} your request.`,
      ...(d.note ? [`Their note: ${d.note}`] : []),
      "",
      `You may now read ${scopeWords(e)}, until your access ends ${until(e.expiresAt)}.`,
    ].join("\n"),
    link: `/t/${tenant.slug}/engagement`,
    recipients: [e.userId],
    data: { tenant: tenant.slug, auditor_id: e.id, request_id: d.requestId, decision: d.decision, ...scopeData(e) },
  });
}

import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { notify } from "@/modules/notifications/server/notify";
import { recipientsFor } from "@/modules/notifications/server/recipients";
import type { NotificationEvent } from "@/modules/notifications/domain/events";

export interface Announcement {
  tenant: { id: string; slug: string; name: string };
  event: NotificationEvent;
  title: string;
  body: string;
  requestId: string;
  /** Who hears of it besides the audiences: the requester, an approver. */
  people?: (string | null)[];
  audiences: ("customer_admins" | "compliance_officers" | "provider_admins")[];
  data?: Record<string, unknown>;
}

/**
 * Tells the people a support-access step concerns, in the step's transaction: the in-app list,
 * the tenant's webhooks and e-mail all come from it only if the step commits.
 */
export async function announce(tx: Tx, a: Announcement): Promise<void> {
  const audience = a.audiences.length > 0 ? await recipientsFor(tx, a.tenant.id, a.audiences) : [];
  const recipients = [...new Set([...audience, ...(a.people ?? []).filter((p): p is string => Boolean(p))])];
  await notify(tx, {
    tenantId: a.tenant.id,
    event: a.event,
    title: a.title,
    body: a.body,
    link: `/t/${a.tenant.slug}/support#request-${a.requestId}`,
    recipients,
    data: { tenant: a.tenant.slug, request_id: a.requestId, ...(a.data ?? {}) },
  });
}

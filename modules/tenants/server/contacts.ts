import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { ForbiddenError } from "@/platform/errors";
import { authorize } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { appendAudit } from "@/modules/audit/server/append";
import { openFields, readable, type Readable } from "@/modules/keys/server/protected-fields";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import type { Tx } from "@/platform/db/transaction";

export interface TenantContactView {
  /** What the contact is for: "security" and "privacy" are the designated contacts. */
  purpose: string;
  name: string;
  email: string;
  phone: string | null;
}

/**
 * The tenant's contact people, decrypted under the tenant's own key, as far as the policy lets
 * the caller see them (`contacts.read`, contacts.cedar): the tenant's admins and viewers all of
 * them; the region's compliance officers only the designated security and privacy contacts;
 * nobody else. When the key is disabled, scheduled for deletion or destroyed, the answer is the
 * reason in plain words instead of the data: decryption fails closed, nothing falls back to
 * plaintext.
 *
 * A read by provider staff (no membership in the tenant) is written to the tenant's audit log
 * as `contacts.read_by_provider` in the same transaction as the read, so the customer sees it;
 * if the entry cannot be written, nothing is returned.
 */
export function listTenantContacts(
  actor: Actor,
  tenantSlug: string,
  request: RequestOrigin,
): Promise<Readable<TenantContactView[]>> {
  return withTenant(actor, tenantSlug, "contacts.read", request, async (scope) => {
    if (scope.role) return readContacts(scope.db, scope);
    return scope.db.$transaction(async (tx) => {
      const contacts = await readContacts(tx, scope);
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "contacts.read_by_provider",
        subject: `tenant:${scope.tenant.id}`,
        outcome: contacts.available ? "success" : "failure",
        details: {
          surface: request.surface,
          provider_role: scope.actor.providerRole,
          ...(contacts.available
            ? { purposes: contacts.value.map((c) => c.purpose), count: contacts.value.length }
            : { key_state: contacts.state }),
        },
      });
      return contacts;
    });
  });
}

/**
 * For the keys page, which auditors open too: the contacts when the caller may read them, or
 * null when the policy says no (auditors), so the page shows the keys without the contacts.
 */
export async function listTenantContactsIfAllowed(
  actor: Actor,
  tenantSlug: string,
  request: RequestOrigin,
): Promise<Readable<TenantContactView[]> | null> {
  try {
    return await listTenantContacts(actor, tenantSlug, request);
  } catch (err) {
    if (err instanceof ForbiddenError) return null;
    throw err;
  }
}

async function readContacts(db: Tx | TenantScope["db"], scope: TenantScope): Promise<Readable<TenantContactView[]>> {
  const { tenant } = scope;
  const rows = await db.tenantContact.findMany({
    where: { tenantId: tenant.id },
    orderBy: [{ purpose: "asc" }, { id: "asc" }],
    select: { id: true, purpose: true, name: true, email: true, phone: true },
  });
  // Which contacts: asked of each one, so the policy file alone says who sees which.
  const principal = policyPrincipal(scope.actor, scope.role);
  const visible = rows.filter(
    (row) =>
      authorize(principal, "contacts.read", { type: "Contact", id: row.id, tenantId: tenant.id, purpose: row.purpose })
        .allowed,
  );
  return readable(async () => {
    const contacts: TenantContactView[] = [];
    // One at a time: inside a transaction every query goes through the one connection it holds.
    for (const row of visible) {
      const open = await openFields(db, tenant.id, "tenant_contacts", row.id, {
        name: row.name,
        email: row.email,
        phone: row.phone,
      });
      contacts.push({
        purpose: row.purpose,
        name: open.name ?? "",
        email: open.email ?? "",
        phone: open.phone ?? null,
      });
    }
    return contacts;
  });
}

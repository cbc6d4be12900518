import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { openFields, readable, type Readable } from "@/lib/data/protected-fields";
import { withTenant, type RequestOrigin } from "@/lib/data/tenant-access";

export interface TenantContactView {
  purpose: string;
  name: string;
  email: string;
  phone: string | null;
}

/**
 * The tenant's contact people (security, privacy), decrypted under the tenant's own key. When
 * that key is disabled, scheduled for deletion or destroyed, the answer is the reason in plain
 * words instead of the data: decryption fails closed and nothing falls back to plaintext.
 */
export function listTenantContacts(actor: Actor, tenantSlug: string, request: RequestOrigin): Promise<Readable<TenantContactView[]>> {
  return withTenant(actor, tenantSlug, "tenant.read", request, async ({ db, tenant }) => {
    const rows = await db.tenantContact.findMany({
      where: { tenantId: tenant.id },
      orderBy: { purpose: "asc" },
      select: { id: true, purpose: true, name: true, email: true, phone: true },
    });
    return readable(() =>
      Promise.all(
        rows.map(async (row) => {
          const open = await openFields(db, tenant.id, "tenant_contacts", row.id, { name: row.name, email: row.email, phone: row.phone });
          return { purpose: row.purpose, name: open.name ?? "", email: open.email ?? "", phone: open.phone ?? null };
        }),
      ),
    );
  });
}

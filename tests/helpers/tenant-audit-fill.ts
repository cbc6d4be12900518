import type { PrismaClient } from "@/platform/db/transaction";

/**
 * Appends `count` audit entries for a tenant with one INSERT … SELECT, their times spread evenly
 * from `from` to `to` (oldest first, so log order is time order): the volume a busy tenant's year
 * writes, for the evidence package's tests and bench. Integrate them before reading proofs.
 */
export async function fillTenantAudit(
  db: PrismaClient,
  input: { region: string; tenantId: string; count: number; from: Date; to: Date; firstNumber?: number },
): Promise<void> {
  const first = input.firstNumber ?? 0;
  await db.$executeRawUnsafe(
    `INSERT INTO audit_entries (id, at, region, actor_type, actor_id, actor_employer, actor_country, tenant_id,
                                action, subject, outcome, details, salt)
     SELECT gen_random_uuid()::text,
            $3::timestamptz + ((g - $5)::double precision / $6) * ($4::timestamptz - $3::timestamptz),
            $1, 'user', md5('user' || (g % 50))::uuid::text, 'Northwind Logistics EU', 'DE', $2,
            'evidence.viewed', 'tenant:' || $2, 'success',
            jsonb_build_object('kind', 'attestations.viewed', 'what', 'attestations', 'n', g),
            md5(random()::text || g)
       FROM generate_series($5::bigint, $5::bigint + $6 - 1) AS g ORDER BY g`,
    input.region,
    input.tenantId,
    input.from,
    input.to,
    first,
    input.count,
  );
}

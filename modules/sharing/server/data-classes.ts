import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { appendAudit } from "@/modules/audit/server/append";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import type { Tx } from "@/platform/db/transaction";
import { TerraneError } from "@/platform/errors";
import type { CreateDataClassInput } from "@/modules/sharing/domain/input";

export interface DataClassView {
  key: string;
  name: string;
  description: string;
  sensitivity: "restricted" | "confidential" | "public";
  /** "catalogue": the default every tenant starts from; "tenant": added for this tenant. */
  source: "catalogue" | "tenant";
  created_at: string;
}

const SENSITIVITY_ORDER = { restricted: 0, confidential: 1, public: 2 } as const;

/** The classes a tenant uses: the default catalogue plus its own, most sensitive first. */
export async function effectiveDataClasses(db: PrismaClient | Tx, tenantId: string): Promise<DataClassView[]> {
  const rows = await db.dataClass.findMany({
    where: { OR: [{ tenantId: null }, { tenantId }] },
    select: { key: true, name: true, description: true, sensitivity: true, tenantId: true, createdAt: true },
  });
  return rows
    .map((r) => ({
      key: r.key,
      name: r.name,
      description: r.description,
      sensitivity: r.sensitivity,
      source: r.tenantId ? ("tenant" as const) : ("catalogue" as const),
      created_at: r.createdAt.toISOString(),
    }))
    .sort((a, b) => SENSITIVITY_ORDER[a.sensitivity] - SENSITIVITY_ORDER[b.sensitivity] || a.key.localeCompare(b.key));
}

/** `GET …/data-classes`: the keys ingest facets and decisions use, with what each means. */
export function listDataClasses(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "data_classes.read", request, async ({ db, tenant }) => ({
    tenant: tenant.slug,
    data_classes: await effectiveDataClasses(db, tenant.id),
  }));
}

/**
 * Adds a class for this tenant. Its key must be new for the tenant, catalogue keys included,
 * so a key always means one thing in the tenant's lineage and decisions.
 */
export function createDataClass(actor: Actor, tenantSlug: string, input: CreateDataClassInput, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "data_classes.manage", request, async ({ db, tenant, actor: user }) => {
    const created = await db.$transaction(async (tx) => {
      const taken = await tx.dataClass.findFirst({
        where: { key: input.key, OR: [{ tenantId: null }, { tenantId: tenant.id }] },
        select: { tenantId: true },
      });
      // skipDuplicates turns a concurrent insert of the same key into "nothing inserted", not a crash.
      const inserted = taken
        ? { count: 0 }
        : await tx.dataClass.createMany({
            data: [
              {
                tenantId: tenant.id,
                key: input.key,
                name: input.name,
                description: input.description,
                sensitivity: input.sensitivity,
              },
            ],
            skipDuplicates: true,
          });
      if (inserted.count === 0) {
        const where = taken && !taken.tenantId ? "the default catalogue" : "this tenant";
        throw new TerraneError(
          409,
          "data_class_exists",
          "Conflict",
          `The data class key ${input.key} is already used by ${where}.`,
          { key: input.key },
        );
      }
      await appendAudit(tx, {
        actor: user,
        tenantId: tenant.id,
        action: "data_class.created",
        subject: `data_class:${input.key}`,
        outcome: "success",
        details: { key: input.key, name: input.name, sensitivity: input.sensitivity },
      });
      return tx.dataClass.findFirstOrThrow({
        where: { tenantId: tenant.id, key: input.key },
        select: { key: true, name: true, description: true, sensitivity: true, createdAt: true },
      });
    });
    const view: DataClassView = {
      key: created.key,
      name: created.name,
      description: created.description,
      sensitivity: created.sensitivity,
      source: "tenant",
      created_at: created.createdAt.toISOString(),
    };
    return { data_class: view };
  });
}

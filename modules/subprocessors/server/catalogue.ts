import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { listRegions } from "@/platform/region/registry";

export interface CatalogueClass {
  key: string;
  name: string;
  description: string;
  sensitivity: "restricted" | "confidential" | "public";
}

export interface RegisterChoices {
  /** The default catalogue (classes every tenant starts from): the only classes an entry may name. */
  dataClasses: CatalogueClass[];
  /** The provider's regions, for storage regions. */
  regions: { id: string; name: string }[];
}

const SENSITIVITY_ORDER = { restricted: 0, confidential: 1, public: 2 } as const;

/** What the propose form offers: the catalogue's data classes and the region registry. */
export function registerChoices(actor: Actor): Promise<RegisterChoices> {
  return withRegion(actor, "region.subprocessors.read", async () => {
    const db = await prisma();
    const rows = await db.dataClass.findMany({
      where: { tenantId: null },
      select: { key: true, name: true, description: true, sensitivity: true },
    });
    return {
      dataClasses: rows.sort(
        (a, b) => SENSITIVITY_ORDER[a.sensitivity] - SENSITIVITY_ORDER[b.sensitivity] || a.name.localeCompare(b.name),
      ),
      regions: listRegions().map((r) => ({ id: r.id, name: r.name })),
    };
  });
}

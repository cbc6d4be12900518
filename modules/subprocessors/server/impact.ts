import "server-only";
import type { SubprocessorEntry } from "@/modules/subprocessors/domain/model";

/** A tenant for which an announced change would receive data classes no decision allows. */
export interface FlaggedTenant {
  tenantId: string;
  slug: string;
  name: string;
  /** The tenant's data classes the subprocessor would receive without a decision allowing it. */
  dataClasses: string[];
}

/**
 * The region's tenants that `after` (a new or changed entry) would flag. Reads outside any transaction.
 * TODO(tenant helper): from the tenants' decisions and lineage.
 */
export async function flaggedTenants(_after: SubprocessorEntry): Promise<FlaggedTenant[]> {
  return [];
}

import "server-only";
import type { Tx } from "@/platform/db/transaction";
import type { ChangeRow } from "@/modules/subprocessors/server/rows";
import type { FlaggedTenant } from "@/modules/subprocessors/server/impact";

export type ChangeEvent =
  | "subprocessor.change_announced"
  | "subprocessor.change_effective"
  | "subprocessor.change_withdrawn";

/**
 * Tells the region's tenants (in-app, webhooks) and the public e-mail subscribers that a change
 * moved, inside the change's transaction; flagged tenants and compliance officers are told what no
 * decision allows. TODO(subscriptions helper).
 */
export async function notifyChange(
  _tx: Tx,
  _input: { change: ChangeRow; event: ChangeEvent; flagged: FlaggedTenant[] },
): Promise<void> {}

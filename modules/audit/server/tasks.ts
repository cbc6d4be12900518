import "server-only";
import { env } from "@/platform/env";
import type { PeriodicTask } from "@/platform/jobs/background";
import { integratePending } from "@/modules/audit/server/integrator";
import { verifyRegionLog } from "@/modules/audit/server/verifier";
import { collectCosignatures, witnessPeers } from "@/modules/audit/server/witness";

/**
 * The audit log's background work: integrating the audit log shortly after each commit,
 * witnessing the other regions' logs (and collecting their cosignatures of ours), and
 * recomputing the whole log against what was signed.
 */
export function auditTasks(): PeriodicTask[] {
  const e = env();
  return [
    { name: "audit-integration", everyMs: 200, run: () => integratePending() },
    {
      name: "audit-witness",
      everyMs: e.WITNESS_INTERVAL_SECONDS * 1000,
      run: async () => {
        await witnessPeers();
        await collectCosignatures();
      },
    },
    // The first verification waits a little, so that it sees start-up's backlog integrated.
    {
      name: "audit-verification",
      everyMs: e.VERIFY_INTERVAL_SECONDS * 1000,
      firstAfterMs: 10_000,
      run: () => verifyRegionLog(),
    },
  ];
}

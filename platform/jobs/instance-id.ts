import "server-only";
import { randomUUID } from "node:crypto";

const g = globalThis as typeof globalThis & { __terraneInstanceId?: string };

/** This process's identity among the region's instances (new at every start). */
export function instanceId(): string {
  g.__terraneInstanceId ??= randomUUID();
  return g.__terraneInstanceId;
}

/** For tests that play two instances in one process. */
export function setInstanceIdForTests(id: string): void {
  g.__terraneInstanceId = id;
}

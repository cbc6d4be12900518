import "server-only";
import type { Actor } from "@/platform/auth/actor";
import type { RequestOrigin } from "@/platform/access/with-tenant";
import { listDrills } from "@/modules/drills/server/reads";
import { getConsent } from "@/modules/drills/server/consent";
import { listSchedules } from "@/modules/drills/server/schedules";

/** What the tenant's Drills page shows: the drills, the schedules and the consent (each authorized as its API is). */
export async function tenantDrillsPage(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  const list = await listDrills(actor, tenantSlug, request);
  const consent = await getConsent(actor, tenantSlug, request);
  const schedules = await listSchedules(actor, tenantSlug, request);
  return { list, consent, schedules };
}

import type { UserActor } from "@/platform/auth/actor";
import type { AuditorFacts, PolicyPrincipal } from "@/platform/policy/engine";
import type { RoleName } from "@/platform/policy/roles";

/** The policy's view of an actor, holding `tenantRole` (if any) for the resource in question. */
export function policyPrincipal(
  actor: UserActor,
  tenantRole: RoleName | null = null,
  auditor?: AuditorFacts,
): PolicyPrincipal {
  const roles: RoleName[] = [];
  if (tenantRole) roles.push(tenantRole);
  if (actor.providerRole) roles.push(actor.providerRole);
  return {
    userId: actor.userId,
    email: actor.email,
    roles,
    via: actor.via,
    tokenScope: actor.via === "token" ? (actor.tokenTenantId ? "tenant" : "provider") : null,
    tokenTenantId: actor.tokenTenantId,
    ...(tenantRole === "auditor" && auditor ? { auditor } : {}),
  };
}

import type { ProviderRoleName } from "@/platform/policy/roles";

/** A signed-in person, through a browser session or one of their personal API tokens. */
export interface UserActor {
  type: "user";
  userId: string;
  email: string;
  name: string;
  providerRole: ProviderRoleName | null;
  employer: string | null;
  officeCountry: string | null;
  via: "session" | "token";
  tokenId: string | null;
  /** A tenant-scoped token's tenant; null for sessions and provider tokens. */
  tokenTenantId: string | null;
}

export type Actor = UserActor | { type: "anonymous" } | { type: "system"; name: string };

export function actorId(actor: Actor): string | null {
  if (actor.type === "user") return actor.userId;
  if (actor.type === "system") return actor.name;
  return null;
}

/**
 * Audit actions and subjects in words, from the registry (modules/audit/domain/actions.ts): the
 * log reads as sentences and the filter offers every action a tenant's log can hold. An action
 * the registry does not know (only possible for entries written before it existed) still shows,
 * humanized, next to its code.
 */

import { auditActionGroups, auditActionSpec, SUBJECT_KINDS, type SubjectKind } from "@/modules/audit/domain/actions";

/** What the tenant audit page's action filter offers, by category. */
export const TENANT_ACTION_GROUPS = auditActionGroups({ tenantLog: true });

/** Values the action select offers: every category prefix and every action in it. */
export const KNOWN_ACTION_FILTERS: ReadonlySet<string> = new Set(
  TENANT_ACTION_GROUPS.flatMap((g) => [g.prefix, ...g.actions.map((a) => a.action)]),
);

function sentence(text: string): string {
  const spaced = text.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "api_token.created" → "API token created"; unknown "key.rotated_now" → "Key: rotated now". */
export function actionWords(action: string): string {
  const known = auditActionSpec(action);
  if (known) return known.label;
  const [head, ...rest] = action.split(".");
  return rest.length === 0 ? sentence(head ?? action) : `${sentence(head ?? "")}: ${rest.join(".").replace(/_/g, " ")}`;
}

/** A subject like "api_token:<id>" split into a kind in words and its identifier. */
export function describeSubject(subject: string | null): { kind: string | null; id: string } | null {
  if (!subject) return null;
  const colon = subject.indexOf(":");
  if (colon <= 0) return { kind: null, id: subject };
  const kind = subject.slice(0, colon);
  const label = Object.hasOwn(SUBJECT_KINDS, kind) ? SUBJECT_KINDS[kind as SubjectKind] : sentence(kind);
  return { kind: label, id: subject.slice(colon + 1) };
}

const ACTOR_TYPES: Record<string, string> = {
  user: "User",
  api_token: "User via API token",
  system: "System",
  anonymous: "Anonymous",
};

export function actorTypeWords(type: string): string {
  return ACTOR_TYPES[type] ?? sentence(type);
}

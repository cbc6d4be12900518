/**
 * Audit actions in words. Every action the product writes for a tenant belongs here, so the
 * log reads as sentences and the filter offers it; an unknown action still shows, humanized,
 * next to its code.
 */

export interface ActionGroup {
  /** A prefix filter, ending in ".". */
  prefix: string;
  label: string;
  actions: Record<string, string>;
}

export const ACTION_GROUPS: ActionGroup[] = [
  {
    prefix: "access.",
    label: "Refused requests",
    // Someone tried to change the tenant and the policy refused (details: attempted_action).
    actions: { "access.denied": "Refused attempt to change the tenant" },
  },
  {
    prefix: "api_token.",
    label: "API tokens",
    actions: { "api_token.created": "API token created", "api_token.revoked": "API token revoked" },
  },
  {
    prefix: "contacts.",
    label: "Contact people",
    actions: { "contacts.read_by_provider": "Provider staff read your security contacts" },
  },
  {
    prefix: "residency.",
    label: "Residency",
    actions: { "residency.cross_region_refused": "Cross-region request refused" },
  },
  {
    prefix: "session.",
    label: "Sessions",
    actions: { "session.started": "Session started", "session.revoked": "Session ended" },
  },
  {
    prefix: "sign_in.",
    label: "Sign-ins",
    actions: {
      "sign_in.succeeded": "Signed in",
      "sign_in.failed": "Sign-in failed",
      "sign_in.throttled": "Sign-in throttled",
    },
  },
  {
    prefix: "signing_key.",
    label: "Region signing keys",
    actions: { "signing_key.created": "Region signing key created" },
  },
  {
    prefix: "user.",
    label: "Accounts",
    actions: { "user.password_changed": "Password changed", "user.disabled": "Account disabled" },
  },
];

const WORDS: Record<string, string> = Object.assign({}, ...ACTION_GROUPS.map((g) => g.actions));

/** Values the action select offers: every prefix and every known action. */
export const KNOWN_ACTION_FILTERS = new Set(ACTION_GROUPS.flatMap((g) => [g.prefix, ...Object.keys(g.actions)]));

function sentence(text: string): string {
  const spaced = text.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "api_token.created" → "API token created"; unknown "key.rotated_now" → "Key: rotated now". */
export function actionWords(action: string): string {
  const known = WORDS[action];
  if (known) return known;
  const [head, ...rest] = action.split(".");
  return rest.length === 0 ? sentence(head ?? action) : `${sentence(head ?? "")}: ${rest.join(".").replace(/_/g, " ")}`;
}

/** A subject like "api_token:<id>" split into a kind in words and its identifier. */
export function describeSubject(subject: string | null): { kind: string | null; id: string } | null {
  if (!subject) return null;
  const colon = subject.indexOf(":");
  if (colon <= 0) return { kind: null, id: subject };
  const kind = subject.slice(0, colon);
  const label = kind === "api_token" ? "API token" : sentence(kind);
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

/** Types and helpers of the authorization matrix (see authz-matrix.ts for the conventions). */

export const PERSONA_ROLES = [
  "customer_admin",
  "customer_viewer",
  "auditor",
  "compliance_officer",
  "support_engineer",
  "provider_admin",
] as const;
export const MATRIX_ROLES = [...PERSONA_ROLES, "anonymous"] as const;
export type PersonaRole = (typeof PERSONA_ROLES)[number];
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export type Statuses = Record<MatrixRole, number>;
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type MatrixRegion = "eu-central-1" | "me-central-1" | "af-south-1";

interface EntryBase {
  /** Why these statuses: what the entry proves. */
  note: string;
  region?: MatrixRegion;
  expect: Statuses;
  location?: Partial<Record<MatrixRole, string>>;
}

export interface PageEntry extends EntryBase {
  kind: "page";
  path: string;
  method: "GET";
  concrete: string;
}

export interface ApiEntry extends EntryBase {
  kind: "api";
  path: string;
  method: HttpMethod;
  concrete: string;
  /** JSON body for writes. */
  body?: unknown;
  /** Form body (for next-auth's endpoints). */
  form?: Record<string, string>;
  /** Statuses where a browser session differs from the role's API token. */
  session?: Partial<Record<PersonaRole, number>>;
}

export interface ActionEntry extends EntryBase {
  kind: "action";
  /** Source file in app/ (or elsewhere) that declares the action, e.g. `app/(portal)/t/[tenant]/actions.ts`. */
  file: string;
  /** The exported (or inline) function name. */
  name: string;
  /** The page the action is posted to. */
  concrete: string;
  args?: unknown[];
}

export type MatrixEntry = PageEntry | ApiEntry | ActionEntry;

export const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

/** Every role gets `status`. */
export function everyone(status: number): Statuses {
  return {
    customer_admin: status,
    customer_viewer: status,
    auditor: status,
    compliance_officer: status,
    support_engineer: status,
    provider_admin: status,
    anonymous: status,
  };
}

/** Every signed-in role gets `status` unless overridden; anonymous gets `anonymous`. */
export function signedIn(
  status: number,
  anonymous: number,
  overrides: Partial<Record<PersonaRole, number>> = {},
): Statuses {
  return { ...everyone(status), ...overrides, anonymous };
}

export const CUSTOMER = (status: number) => ({ customer_admin: status, customer_viewer: status, auditor: status });
export const STAFF = (status: number) => ({
  compliance_officer: status,
  support_engineer: status,
  provider_admin: status,
});

/** Anonymous page requests go to sign-in and come back. */
export const toSignIn = (path: string) => `/signin?callbackUrl=${encodeURIComponent(path)}`;
export const sameForSignedIn = (location: string): Partial<Record<MatrixRole, string>> =>
  Object.fromEntries(PERSONA_ROLES.map((r) => [r, location]));

/** Order: admin, viewer, auditor, compliance officer, support engineer, provider admin; anonymous 401. */
export function byRole(
  admin: number,
  viewer: number,
  auditor: number,
  compliance: number,
  support: number,
  provider: number,
): Statuses {
  return signedIn(0, 401, {
    customer_admin: admin,
    customer_viewer: viewer,
    auditor,
    compliance_officer: compliance,
    support_engineer: support,
    provider_admin: provider,
  });
}

/** One API row of the matrix: a route pattern, the concrete request, why, the statuses, the body of a write. */
export const apiEntry = (
  path: string,
  method: ApiEntry["method"],
  concrete: string,
  note: string,
  expect: Statuses,
  body?: unknown,
): ApiEntry => ({ kind: "api", path, method, concrete, note, expect, ...(body !== undefined ? { body } : {}) });

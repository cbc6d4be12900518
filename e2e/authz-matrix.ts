/**
 * The authorization matrix: for every page route, every route-handler method and every
 * server action in app/, the exact HTTP status each role gets. Plain data (no Playwright,
 * no server modules) so that both e2e/authz.spec.ts (which runs every entry for every role
 * against real instances) and tests/route-inventory.test.ts (which fails when a route in
 * app/ has no entry, or an entry names a route that does not exist) import it.
 *
 * Conventions:
 * - `path` is the route as laid out in app/ without route groups: `/t/[tenant]`,
 *   `/api/auth/[...nextauth]`. `concrete` is what is requested, with placeholders resolved
 *   per role at run time:
 *     {self}        the user id of the role's own seeded persona
 *     {other}       the user id of another user of the region (Kestrel's auditor, none of the personas)
 *     {otherToken}  the id of that other user's seeded API token
 *     {unknownId}   a well-formed user/token id that does not exist
 * - APIs are called with the role's seeded personal API token (anonymous: no header) and,
 *   for the six signed-in roles, also with a browser session: `session` lists where the
 *   session answers differently (everything else must agree). Pages are requested with a
 *   signed-in session (anonymous: none). Redirects are not followed.
 * - `location` pins where a 3xx points (or, for a 421, the problem's `home_url`);
 *   `{url:<region>}` is that region's instance URL in this run.
 * - Server actions are posted as the browser does (Next-Action header, same origin) with a
 *   browser session. Next answers a fetch action that redirects with 200 and
 *   `x-action-redirect`: that counts as 303 here; notFound()/forbidden() are real 404/403.
 * - Region defaults to eu-central-1, where Northwind's EU tenant and Kestrel live.
 */

export * from "./authz-matrix-types";
import {
  CUSTOMER,
  everyone,
  sameForSignedIn,
  signedIn,
  STAFF,
  toSignIn,
  UNKNOWN_ID,
  type ActionEntry,
  type ApiEntry,
  type MatrixEntry,
  type PageEntry,
} from "./authz-matrix-types";
import { keyApis, keyPages } from "./authz-matrix-keys";
import { lineageApis, sharingApis } from "./authz-matrix-sharing";
import { residencyPages } from "./authz-matrix-residency";
import { supportApis, supportPages } from "./authz-matrix-support";
import { notificationApis, notificationPages } from "./authz-matrix-notifications";
import { subscriptionApis, subscriptionPages } from "./authz-matrix-subscriptions";
import { trustPages } from "./authz-matrix-trust";
import { attestationApis, attestationPages } from "./authz-matrix-attestations";
import { evidenceApis, evidencePages } from "./authz-matrix-evidence";
import { subprocessorPublicApis } from "./authz-matrix-subprocessors-public";
import { subprocessorObjectionApis, subprocessorObjectionPages } from "./authz-matrix-subprocessor-objections";
import { subprocessorRegisterApis, subprocessorRegisterPages } from "./authz-matrix-subprocessor-register";
import { governanceApis, governancePages } from "./authz-matrix-governance";
import { reviewApis, reviewPages } from "./authz-matrix-reviews";
import { lawfulAccessApis, lawfulAccessPages } from "./authz-matrix-lawful-access";
import { drillApis, drillPages } from "./authz-matrix-drills";

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

const pages: PageEntry[] = [
  {
    kind: "page",
    path: "/",
    method: "GET",
    concrete: "/",
    note: "The public landing page of the region is open to everyone.",
    expect: everyone(200),
  },
  {
    kind: "page",
    path: "/signin",
    method: "GET",
    concrete: "/signin",
    note: "Signed-in people are sent on to their tenants.",
    expect: signedIn(307, 200),
    location: sameForSignedIn("/t"),
  },
  {
    kind: "page",
    path: "/t",
    method: "GET",
    concrete: "/t",
    note: "Everyone signed in has a landing page (a compliance officer's is the desk, /region); anonymous goes to sign-in.",
    expect: signedIn(200, 307, { compliance_officer: 307 }),
    location: { anonymous: toSignIn("/t"), compliance_officer: "/region" },
  },
  {
    kind: "page",
    path: "/t/[tenant]",
    method: "GET",
    concrete: "/t/northwind-eu",
    note: "Members and provider staff with tenant.read see the overview; support engineers need a grant (403).",
    expect: signedIn(200, 307, { support_engineer: 403 }),
    location: { anonymous: toSignIn("/t/northwind-eu") },
  },
  {
    kind: "page",
    path: "/t/[tenant]",
    method: "GET",
    concrete: "/t/kestrel-eu",
    note: "Another organisation's tenant: not found for Northwind's people; staff as for any tenant.",
    expect: signedIn(200, 307, { ...CUSTOMER(404), support_engineer: 403 }),
    location: { anonymous: toSignIn("/t/kestrel-eu") },
  },
  {
    kind: "page",
    path: "/t/[tenant]",
    method: "GET",
    concrete: "/t/northwind-gcc",
    note: "A tenant homed in me-central-1: every signed-in request is redirected to the same path there.",
    expect: signedIn(307, 307),
    location: { ...sameForSignedIn("{url:me-central-1}/t/northwind-gcc"), anonymous: toSignIn("/t/northwind-gcc") },
  },
  {
    kind: "page",
    path: "/t/[tenant]",
    method: "GET",
    concrete: "/t/no-such-tenant",
    note: "An unknown tenant is not found.",
    expect: signedIn(404, 307),
  },
  {
    kind: "page",
    path: "/t/[tenant]",
    method: "GET",
    concrete: "/t/northwind-gcc",
    region: "me-central-1",
    note: "On its home instance the GCC tenant serves Northwind's people and me-central-1's staff.",
    expect: signedIn(200, 307, { support_engineer: 403 }),
    location: { anonymous: toSignIn("/t/northwind-gcc") },
  },
  {
    kind: "page",
    path: "/t/[tenant]",
    method: "GET",
    concrete: "/t/northwind-eu",
    region: "me-central-1",
    note: "From me-central-1, the EU tenant is redirected to eu-central-1.",
    expect: signedIn(307, 307),
    location: { ...sameForSignedIn("{url:eu-central-1}/t/northwind-eu"), anonymous: toSignIn("/t/northwind-eu") },
  },
  {
    kind: "page",
    path: "/t/[tenant]/audit",
    method: "GET",
    concrete: "/t/northwind-eu/audit",
    note: "The audit log (audit.read): members, auditors and compliance officers; provider admins open the tenant but not its entries (403, from the audit layout's gate); support engineers need a grant.",
    expect: signedIn(200, 307, { support_engineer: 403, provider_admin: 403 }),
    location: { anonymous: toSignIn("/t/northwind-eu/audit") },
  },
  {
    kind: "page",
    path: "/t/[tenant]/audit",
    method: "GET",
    concrete: "/t/northwind-eu/audit?action=Not%20An%20Action&from=yesterday&cursor=abc",
    note: "Bad filters are explained next to the form (nothing is read), never an error page.",
    expect: signedIn(200, 307, { support_engineer: 403, provider_admin: 403 }),
  },
  {
    kind: "page",
    path: "/t/[tenant]/audit",
    method: "GET",
    concrete: "/t/kestrel-eu/audit",
    note: "Another organisation's audit log: not found for Northwind's people; compliance officers read it; other staff refused.",
    expect: signedIn(200, 307, { ...CUSTOMER(404), support_engineer: 403, provider_admin: 403 }),
    location: { anonymous: toSignIn("/t/kestrel-eu/audit") },
  },
  {
    kind: "page",
    path: "/t/[tenant]/audit",
    method: "GET",
    concrete: "/t/northwind-gcc/audit",
    note: "The GCC tenant's audit log lives in me-central-1: redirected there before anything is read.",
    expect: signedIn(307, 307),
    location: {
      ...sameForSignedIn("{url:me-central-1}/t/northwind-gcc/audit"),
      anonymous: toSignIn("/t/northwind-gcc/audit"),
    },
  },
  {
    kind: "page",
    path: "/account/tokens",
    method: "GET",
    concrete: "/account/tokens",
    note: "Everyone manages their own tokens.",
    expect: signedIn(200, 307),
    location: { anonymous: toSignIn("/account/tokens") },
  },
  {
    kind: "page",
    path: "/users/[user]/tokens",
    method: "GET",
    concrete: "/users/me/tokens",
    note: "`me` is your own token page.",
    expect: signedIn(307, 307),
    location: { ...sameForSignedIn("/account/tokens"), anonymous: toSignIn("/users/me/tokens") },
  },
  {
    kind: "page",
    path: "/users/[user]/tokens",
    method: "GET",
    concrete: "/users/{self}/tokens",
    note: "Your own id is your own token page.",
    expect: signedIn(307, 307),
    location: sameForSignedIn("/account/tokens"),
  },
  {
    kind: "page",
    path: "/users/[user]/tokens",
    method: "GET",
    concrete: "/users/{other}/tokens",
    note: "Another user's tokens: provider admins only (incident response); everyone else cannot tell the user exists.",
    expect: signedIn(404, 307, { provider_admin: 200 }),
  },
  {
    kind: "page",
    path: "/users/[user]/tokens",
    method: "GET",
    concrete: `/users/${UNKNOWN_ID}/tokens`,
    note: "An unknown user is not found, for provider admins too.",
    expect: signedIn(404, 307),
  },
  {
    kind: "page",
    path: "/users/[user]/tokens",
    method: "GET",
    concrete: "/users/not-a-user-id/tokens",
    note: "A malformed user id is not found, never an error.",
    expect: signedIn(404, 307),
  },
  {
    kind: "page",
    path: "/region/tenants",
    method: "GET",
    concrete: "/region/tenants",
    note: "Provider staff see the region's tenants; customers' people are refused.",
    expect: signedIn(200, 307, CUSTOMER(403)),
    location: { anonymous: toSignIn("/region/tenants") },
  },
  {
    kind: "page",
    path: "/region/integrity",
    method: "GET",
    concrete: "/region/integrity",
    note: "The region's log integrity (region.integrity.read): compliance officers and provider admins; support engineers pass the region layout but are refused by the page's own gate; customers' people are refused.",
    expect: signedIn(200, 307, { ...CUSTOMER(403), support_engineer: 403 }),
    location: { anonymous: toSignIn("/region/integrity") },
  },
];

// ---------------------------------------------------------------------------------------
// Route handlers
// ---------------------------------------------------------------------------------------

const validTokenBody = { name: "authz matrix", tenant: "northwind-eu", expires_in_days: 1 };

const apis: ApiEntry[] = [
  {
    kind: "api",
    path: "/api/health",
    method: "GET",
    concrete: "/api/health",
    note: "Public health check.",
    expect: everyone(200),
  },
  {
    kind: "api",
    path: "/api/v1/regions",
    method: "GET",
    concrete: "/api/v1/regions",
    note: "Public region list.",
    expect: everyone(200),
  },
  {
    kind: "api",
    path: "/api/v1/openapi.json",
    method: "GET",
    concrete: "/api/v1/openapi.json",
    note: "The OpenAPI document is public.",
    expect: everyone(200),
  },
  ...(
    [
      ["/api/v1/audit/checkpoint", "/api/v1/audit/checkpoint", 200, "The signed checkpoint is public."],
      ["/api/v1/audit/key", "/api/v1/audit/key", 200, "The log's verifier key is public."],
      ["/api/v1/audit/witness-key", "/api/v1/audit/witness-key", 200, "The witness key is public."],
      ["/api/v1/audit/jwks", "/api/v1/audit/jwks", 200, "The region's public keys."],
      [
        "/api/v1/audit/leaves",
        "/api/v1/audit/leaves?start=0&end=1",
        200,
        "Leaf hashes are public; entry content is not.",
      ],
      ["/api/v1/audit/leaves", "/api/v1/audit/leaves?start=-1", 400, "A malformed range is refused for everyone."],
      ["/api/v1/audit/proof", "/api/v1/audit/proof?index=0", 200, "Inclusion proofs are public."],
      [
        "/api/v1/audit/proof",
        "/api/v1/audit/proof?index=0&format=tlog-proof",
        200,
        "Proof files are public (without entry content).",
      ],
      ["/api/v1/audit/proof", "/api/v1/audit/proof?index=abc", 400, "A non-numeric index is refused for everyone."],
      [
        "/api/v1/audit/proof",
        "/api/v1/audit/proof?index=99999999999999999999",
        400,
        "A huge index is refused for everyone.",
      ],
      [
        "/api/v1/audit/proof",
        "/api/v1/audit/proof?index=9007199254740991",
        400,
        "An index past the tree is refused for everyone.",
      ],
      ["/api/v1/audit/consistency", "/api/v1/audit/consistency?from=0&to=1", 200, "Consistency proofs are public."],
      ["/api/v1/audit/consistency", "/api/v1/audit/consistency?from=2&to=1", 400, "A backwards range is refused."],
      [
        "/api/v1/audit/witness/[region]",
        "/api/v1/audit/witness/us-east-1",
        404,
        "No view of a log this region never witnessed.",
      ],
      [
        "/api/v1/audit/witness/[region]",
        "/api/v1/audit/witness/not-a-region",
        400,
        "A malformed region id is refused.",
      ],
    ] as const
  ).map(([path, concrete, status, note]): ApiEntry => ({
    kind: "api",
    path,
    method: "GET",
    concrete,
    note,
    expect: everyone(status),
  })),
  ...(["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method): ApiEntry => ({
    kind: "api",
    path: "/api/[...unknown]",
    method,
    concrete: "/api/v1/no-such-endpoint",
    note: "Any unserved API path is a problem+json 404 for everyone, whatever the method.",
    expect: everyone(404),
    ...(method === "GET" || method === "DELETE" ? {} : { body: {} }),
  })),
  {
    kind: "api",
    path: "/api/auth/[...nextauth]",
    method: "GET",
    concrete: "/api/auth/session",
    note: "next-auth's session endpoint is public (empty for anyone not signed in by cookie).",
    expect: everyone(200),
  },
  {
    kind: "api",
    path: "/api/auth/[...nextauth]",
    method: "GET",
    concrete: "/api/auth/csrf",
    note: "next-auth's CSRF token endpoint is public.",
    expect: everyone(200),
  },
  {
    kind: "api",
    path: "/api/auth/[...nextauth]",
    method: "POST",
    concrete: "/api/auth/callback/credentials",
    note: "A credentials sign-in without next-auth's CSRF token is refused by a redirect back to sign-in, for everyone.",
    form: { email: "nobody@example.com", password: "wrong" },
    expect: everyone(302),
  },
  {
    kind: "api",
    path: "/api/v1/tenants",
    method: "GET",
    concrete: "/api/v1/tenants",
    note: "Your tenants; anonymous must authenticate.",
    expect: signedIn(200, 401),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]",
    method: "GET",
    concrete: "/api/v1/tenants/northwind-eu",
    note: "Same answers as the overview page: support engineers need a grant.",
    expect: signedIn(200, 401, { support_engineer: 403 }),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/audit",
    method: "GET",
    concrete: "/api/v1/tenants/northwind-eu/audit",
    note: "Entry content: the tenant's members and auditors and compliance officers; not provider admins or support without a grant.",
    expect: signedIn(200, 401, { support_engineer: 403, provider_admin: 403 }),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/audit",
    method: "GET",
    concrete: "/api/v1/tenants/northwind-eu/audit?limit=0",
    note: "A bad filter is refused before anything is read.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/audit",
    method: "GET",
    concrete: "/api/v1/tenants/kestrel-eu/audit",
    note: "Another tenant's entries stay hidden from Northwind's people.",
    expect: signedIn(404, 401, { compliance_officer: 200, support_engineer: 403, provider_admin: 403 }),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/audit/[entry]/proof",
    method: "GET",
    concrete: `/api/v1/tenants/northwind-eu/audit/${UNKNOWN_ID}/proof`,
    note: "Proof files with entry content follow the same rule as the entries.",
    expect: signedIn(404, 401, { support_engineer: 403, provider_admin: 403 }),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]",
    method: "GET",
    concrete: "/api/v1/tenants/kestrel-eu",
    note: "Another organisation's tenant: not found for Northwind's people (and their tokens).",
    expect: signedIn(200, 401, { ...CUSTOMER(404), support_engineer: 403 }),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]",
    method: "GET",
    concrete: "/api/v1/tenants/northwind-gcc",
    note: "Homed in me-central-1: 421 wrong_region with the home instance's URL, never data.",
    expect: signedIn(421, 401),
    location: sameForSignedIn("{url:me-central-1}/api/v1/tenants/northwind-gcc"),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]",
    method: "GET",
    concrete: "/api/v1/tenants/no-such-tenant",
    note: "Unknown tenant.",
    expect: signedIn(404, 401),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]",
    method: "GET",
    concrete: "/api/v1/tenants/Not_A_Slug",
    note: "A malformed slug is answered like an unknown tenant.",
    expect: signedIn(404, 401),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]",
    method: "GET",
    concrete: "/api/v1/tenants/northwind-gcc",
    region: "me-central-1",
    note: "On its home instance the GCC tenant answers with the same rules.",
    expect: signedIn(200, 401, { support_engineer: 403 }),
  },
  {
    kind: "api",
    path: "/api/v1/region/tenants",
    method: "GET",
    concrete: "/api/v1/region/tenants",
    note: "Provider staff only (with a provider-scoped token); customers' people are refused.",
    expect: signedIn(200, 401, CUSTOMER(403)),
  },
  {
    kind: "api",
    path: "/api/v1/users/[user]/tokens",
    method: "GET",
    concrete: "/api/v1/users/me/tokens",
    note: "Your own tokens.",
    expect: signedIn(200, 401),
  },
  {
    kind: "api",
    path: "/api/v1/users/[user]/tokens",
    method: "GET",
    concrete: "/api/v1/users/{self}/tokens",
    note: "Your own tokens by id.",
    expect: signedIn(200, 401),
  },
  {
    kind: "api",
    path: "/api/v1/users/[user]/tokens",
    method: "GET",
    concrete: "/api/v1/users/{other}/tokens",
    note: "Another user's tokens: provider admins only; everyone else cannot tell the user exists.",
    expect: signedIn(404, 401, { provider_admin: 200 }),
  },
  {
    kind: "api",
    path: "/api/v1/users/[user]/tokens",
    method: "GET",
    concrete: `/api/v1/users/${UNKNOWN_ID}/tokens`,
    note: "Unknown user.",
    expect: signedIn(404, 401),
  },
  {
    kind: "api",
    path: "/api/v1/users/[user]/tokens",
    method: "POST",
    concrete: "/api/v1/users/me/tokens",
    body: validTokenBody,
    note: "Tokens never mint tokens (403). With a session, members of northwind-eu create one; staff are not members (400).",
    expect: signedIn(403, 401),
    session: { ...CUSTOMER(201), ...STAFF(400) },
  },
  {
    kind: "api",
    path: "/api/v1/users/[user]/tokens",
    method: "POST",
    concrete: "/api/v1/users/{other}/tokens",
    body: validTokenBody,
    note: "Nobody creates tokens for someone else, provider admins included.",
    expect: signedIn(404, 401),
  },
  {
    kind: "api",
    path: "/api/v1/users/[user]/tokens",
    method: "POST",
    concrete: "/api/v1/users/me/tokens",
    body: { name: "", tenant: "Not A Slug", expires_in_days: 9999, extra: true },
    note: "A malformed body is a 400 problem for anyone authenticated, nothing created.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api",
    path: "/api/v1/users/[user]/tokens/[token]",
    method: "DELETE",
    concrete: `/api/v1/users/me/tokens/${UNKNOWN_ID}`,
    note: "Revoking a token you do not have.",
    expect: signedIn(404, 401),
  },
  {
    kind: "api",
    path: "/api/v1/users/[user]/tokens/[token]",
    method: "DELETE",
    concrete: "/api/v1/users/{other}/tokens/{otherToken}",
    note: "Provider admins revoke anyone's token (incident response); nobody else can, or can tell it exists.",
    expect: signedIn(404, 401, { provider_admin: 200 }),
  },
];

// ---------------------------------------------------------------------------------------
// Server actions (none yet: add one entry per action, with every role)
// ---------------------------------------------------------------------------------------

const actions: ActionEntry[] = [];

export const AUTHZ_MATRIX: MatrixEntry[] = [
  ...pages,
  ...keyPages,
  ...residencyPages,
  ...supportPages,
  ...notificationPages,
  ...subscriptionPages,
  ...trustPages,
  ...attestationPages,
  ...evidencePages,
  ...subprocessorObjectionPages,
  ...subprocessorRegisterPages,
  ...governancePages,
  ...reviewPages,
  ...lawfulAccessPages,
  ...drillPages,
  ...apis,
  ...keyApis,
  ...sharingApis,
  ...lineageApis,
  ...supportApis,
  ...notificationApis,
  ...subscriptionApis,
  ...attestationApis,
  ...evidenceApis,
  ...subprocessorPublicApis,
  ...subprocessorObjectionApis,
  ...subprocessorRegisterApis,
  ...governanceApis,
  ...reviewApis,
  ...lawfulAccessApis,
  ...drillApis,
  ...actions,
];

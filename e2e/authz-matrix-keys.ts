/** Authorization matrix rows: customer-held keys and key-usage ingest. */
import {
  CUSTOMER, everyone, sameForSignedIn, signedIn, STAFF, toSignIn, UNKNOWN_ID,
  type ApiEntry, type PageEntry,
} from "./authz-matrix-types";

// ---------------------------------------------------------------------------------------
// Customer-held keys (keys.read: the tenant's admins, viewers and auditors; keys.manage:
// its admins only; provider staff neither) and the ingest side of key usage.
//
// Key ids are random per seed and the runner resolves no key placeholder, so key-level rows
// name an unknown key: readers and admins get 404 key_not_found, everyone else is refused
// before the key is looked up. Refusals and bad input only — nothing here changes a key, so
// the shared e2e world stays as other specs expect. e2e/keys.spec.ts drives the real key.
// ---------------------------------------------------------------------------------------

const KEY = (tenant: string, rest = "") => `/api/v1/tenants/${tenant}/keys/${UNKNOWN_ID}${rest}`;
/** keys.manage on Northwind's tenant: its admin reaches the key lookup; every other role is refused. */
const manage = (adminStatus: number) => signedIn(403, 401, { customer_admin: adminStatus });
/** keys.read on Northwind's tenant: members and auditors reach the lookup; staff are refused. */
const read = (memberStatus: number) => signedIn(403, 401, CUSTOMER(memberStatus));

export const keyPages: PageEntry[] = [
  {
    kind: "page", path: "/t/[tenant]/keys", method: "GET", concrete: "/t/northwind-eu/keys",
    note: "Keys (keys.read): the tenant's admins, viewers and auditors; compliance officers and provider admins open the tenant but are refused by the keys layout's gate (403); support engineers need a grant.",
    expect: signedIn(200, 307, STAFF(403)),
    location: { anonymous: toSignIn("/t/northwind-eu/keys") },
  },
  {
    kind: "page", path: "/t/[tenant]/keys", method: "GET", concrete: "/t/kestrel-eu/keys",
    note: "Another organisation's keys: not found for Northwind's people; refused for staff.",
    expect: signedIn(403, 307, CUSTOMER(404)),
  },
  {
    kind: "page", path: "/t/[tenant]/keys", method: "GET", concrete: "/t/northwind-gcc/keys",
    note: "The GCC tenant's keys live in me-central-1: redirected there before anything is read.",
    expect: signedIn(307, 307),
    location: { ...sameForSignedIn("{url:me-central-1}/t/northwind-gcc/keys"), anonymous: toSignIn("/t/northwind-gcc/keys") },
  },
  {
    kind: "page", path: "/t/[tenant]/keys", method: "GET", concrete: "/t/no-such-tenant/keys",
    note: "An unknown tenant's keys are not found.",
    expect: signedIn(404, 307),
  },
];

export const keyApis: ApiEntry[] = [
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys", method: "GET", concrete: "/api/v1/tenants/northwind-eu/keys",
    note: "The key list: members and auditors; the customer's keys are not the provider staff's to read.",
    expect: read(200),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys", method: "GET", concrete: "/api/v1/tenants/kestrel-eu/keys",
    note: "Another organisation's keys: not found for Northwind's people (and their tokens), refused for staff.",
    expect: signedIn(403, 401, CUSTOMER(404)),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys", method: "GET", concrete: "/api/v1/tenants/northwind-gcc/keys",
    note: "Keys homed in me-central-1: 421 with the home instance's URL, never data.",
    expect: signedIn(421, 401),
    location: sameForSignedIn("{url:me-central-1}/api/v1/tenants/northwind-gcc/keys"),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]", method: "PATCH", concrete: KEY("northwind-eu"), body: { rotation_period_days: 180 },
    note: "Setting the rotation period is keys.manage: the admin reaches the lookup (unknown key, 404); viewers, auditors and staff are refused.",
    expect: manage(404),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]", method: "PATCH", concrete: KEY("northwind-eu"), body: { rotation_period_days: 30 },
    note: "A period under 90 days is refused as bad input for anyone authenticated.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/rotate", method: "POST", concrete: KEY("northwind-eu", "/rotate"),
    note: "Rotate now is keys.manage.",
    expect: manage(404),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/rotate", method: "POST", concrete: KEY("northwind-gcc", "/rotate"),
    note: "A write for a tenant homed elsewhere is 421 before any role or key is looked at.",
    expect: signedIn(421, 401),
    location: sameForSignedIn(`{url:me-central-1}${KEY("northwind-gcc", "/rotate")}`),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/disable", method: "POST", concrete: KEY("northwind-eu", "/disable"), body: { confirm: "northwind-eu" },
    note: "The kill switch is keys.manage.",
    expect: manage(404),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/disable", method: "POST", concrete: KEY("northwind-eu", "/disable"), body: { confirm: "Northwind EU" },
    note: "A confirmation that is not the tenant's slug exactly: 400 for the admin, before any key is touched; others are refused first.",
    expect: manage(400),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/disable", method: "POST", concrete: KEY("northwind-eu", "/disable"), body: { confirm: 42, extra: true },
    note: "A malformed body is 400 for anyone authenticated.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/disable", method: "POST", concrete: KEY("kestrel-eu", "/disable"), body: { confirm: "kestrel-eu" },
    note: "Nobody outside Kestrel holds Kestrel's kill switch: not found for Northwind's people, refused for staff.",
    expect: signedIn(403, 401, CUSTOMER(404)),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/enable", method: "POST", concrete: KEY("northwind-eu", "/enable"),
    note: "Enabling is keys.manage.",
    expect: manage(404),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/schedule-deletion", method: "POST", concrete: KEY("northwind-eu", "/schedule-deletion"), body: { confirm: "northwind-eu", days: 7 },
    note: "Scheduling the crypto-shred is keys.manage.",
    expect: manage(404),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/schedule-deletion", method: "POST", concrete: KEY("northwind-eu", "/schedule-deletion"), body: { confirm: "northwind-eu", days: 3 },
    note: "Fewer than 7 days is refused as bad input for anyone authenticated.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/schedule-deletion", method: "POST", concrete: KEY("northwind-eu", "/schedule-deletion"), body: { confirm: "nope", days: 30 },
    note: "A wrong confirmation: 400 for the admin; others are refused first.",
    expect: manage(400),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/cancel-deletion", method: "POST", concrete: KEY("northwind-eu", "/cancel-deletion"),
    note: "Cancelling a deletion is keys.manage.",
    expect: manage(404),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/events", method: "GET", concrete: KEY("northwind-eu", "/events"),
    note: "The timeline is keys.read: readers reach the lookup (404 for an unknown key); staff are refused.",
    expect: read(404),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/events", method: "GET", concrete: "/api/v1/tenants/northwind-eu/keys/not-a-key-id/events?format=csv",
    note: "A malformed key id is simply not found (never a 500); the CSV follows the same rules.",
    expect: read(404),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/events", method: "GET",
    concrete: KEY("northwind-eu", "/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
    note: "A period whose start is after its end is 400 for anyone authenticated.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/events", method: "GET", concrete: KEY("northwind-eu", "/events?operation=exfiltrate&format=xml"),
    note: "An unknown operation or format is 400.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/keys/[key]/receipts", method: "GET", concrete: KEY("northwind-eu", "/receipts"),
    note: "Revocation receipts are keys.read.",
    expect: read(404),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/contacts", method: "GET", concrete: "/api/v1/tenants/northwind-eu/contacts",
    note: "Contact people (decrypted under the tenant's key, or the reason they cannot be): contacts.read — the tenant's admins and viewers; compliance officers (designated security and privacy contacts only, each read audited); auditors, provider admins and support engineers 403.",
    expect: signedIn(403, 401, { customer_admin: 200, customer_viewer: 200, compliance_officer: 200 }),
  },
  {
    kind: "api", path: "/api/v1/tenants/[tenant]/contacts", method: "GET", concrete: "/api/v1/tenants/kestrel-eu/contacts",
    note: "Another organisation's contacts: not found for Northwind's people; compliance officers read the designated ones, other staff 403.",
    expect: signedIn(403, 401, { ...CUSTOMER(404), compliance_officer: 200 }),
  },
  {
    kind: "api", path: "/api/v1/ingest/key-usage", method: "POST", concrete: "/api/v1/ingest/key-usage", body: {},
    note: "Key usage comes only from the data plane's region ingest token: no token, a personal API token or a session is 401, before the body is read.",
    expect: everyone(401),
  },
  {
    kind: "api", path: "/api/v1/region/ingest-tokens", method: "GET", concrete: "/api/v1/region/ingest-tokens",
    note: "Ingest tokens: provider admins only (region.ingest.manage).",
    expect: signedIn(403, 401, { provider_admin: 200 }),
  },
  {
    kind: "api", path: "/api/v1/region/ingest-tokens", method: "POST", concrete: "/api/v1/region/ingest-tokens", body: { name: "authz matrix" },
    note: "Only provider admins create ingest tokens (this leaves two unused tokens named \"authz matrix\"; no spec reads the list).",
    expect: signedIn(403, 401, { provider_admin: 200 }),
  },
  {
    kind: "api", path: "/api/v1/region/ingest-tokens", method: "POST", concrete: "/api/v1/region/ingest-tokens", body: { name: "" },
    note: "A blank name is 400 for anyone authenticated, nothing created.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api", path: "/api/v1/region/ingest-tokens/[id]", method: "DELETE", concrete: `/api/v1/region/ingest-tokens/${UNKNOWN_ID}`,
    note: "Revoking an ingest token: provider admins only (an unknown one is 404 for them).",
    expect: signedIn(403, 401, { provider_admin: 404 }),
  },
];


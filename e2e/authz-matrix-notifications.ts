/** Authorization matrix rows: a person's notifications and a tenant's webhooks. */
import {
  CUSTOMER,
  sameForSignedIn,
  signedIn,
  toSignIn,
  UNKNOWN_ID,
  type ApiEntry,
  type PageEntry,
} from "./authz-matrix-types";

// ---------------------------------------------------------------------------------------
// Notifications are each person's own (everyone signed in, never anyone else's); webhooks are
// the tenant's admins' alone (webhooks.read, webhooks.manage). Webhook rows are refusals and
// bad input only: an endpoint created here would receive the shared e2e world's events, and
// tests/notifications drives real deliveries against a local receiver instead.
// ---------------------------------------------------------------------------------------

const HOOK = (tenant: string, rest = "") => `/api/v1/tenants/${tenant}/webhooks/${UNKNOWN_ID}${rest}`;
/** The tenant's admin reaches the lookup or the check; every other role is refused (403). */
const admins = (adminStatus: number) => signedIn(403, 401, { customer_admin: adminStatus });

export const notificationPages: PageEntry[] = [
  {
    kind: "page",
    path: "/account/notifications",
    method: "GET",
    concrete: "/account/notifications",
    note: "Everyone signed in reads their own notifications.",
    expect: signedIn(200, 307),
    location: { anonymous: toSignIn("/account/notifications") },
  },
  {
    kind: "page",
    path: "/t/[tenant]/settings/webhooks",
    method: "GET",
    concrete: "/t/northwind-eu/settings/webhooks",
    note: "Webhook settings (webhooks.read): the tenant's admins; viewers, auditors and staff are refused by the section's gate (403).",
    expect: signedIn(403, 307, { customer_admin: 200 }),
    location: { anonymous: toSignIn("/t/northwind-eu/settings/webhooks") },
  },
  {
    kind: "page",
    path: "/t/[tenant]/settings/webhooks",
    method: "GET",
    concrete: "/t/kestrel-eu/settings/webhooks",
    note: "Another organisation's webhooks: not found for Northwind's people, refused for staff.",
    expect: signedIn(403, 307, CUSTOMER(404)),
  },
  {
    kind: "page",
    path: "/t/[tenant]/settings/webhooks",
    method: "GET",
    concrete: "/t/northwind-gcc/settings/webhooks",
    note: "The GCC tenant's settings live in me-central-1: redirected there before anything is read.",
    expect: signedIn(307, 307),
    location: {
      ...sameForSignedIn("{url:me-central-1}/t/northwind-gcc/settings/webhooks"),
      anonymous: toSignIn("/t/northwind-gcc/settings/webhooks"),
    },
  },
];

export const notificationApis: ApiEntry[] = [
  {
    kind: "api",
    path: "/api/v1/notifications",
    method: "GET",
    concrete: "/api/v1/notifications",
    note: "Your own notifications, with a session or a personal token.",
    expect: signedIn(200, 401),
  },
  {
    kind: "api",
    path: "/api/v1/notifications",
    method: "GET",
    concrete: "/api/v1/notifications?unread=maybe",
    note: "A bad filter is 400 for anyone authenticated.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api",
    path: "/api/v1/notifications/[id]/read",
    method: "POST",
    concrete: `/api/v1/notifications/${UNKNOWN_ID}/read`,
    note: "A notification that is not yours (or none at all) is not found.",
    expect: signedIn(404, 401),
  },
  {
    kind: "api",
    path: "/api/v1/notifications/read-all",
    method: "POST",
    concrete: "/api/v1/notifications/read-all",
    note: "Everyone marks their own notifications read (this marks the personas' notifications read in the shared e2e world).",
    expect: signedIn(200, 401),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks",
    method: "GET",
    concrete: "/api/v1/tenants/northwind-eu/webhooks",
    note: "The endpoint list: the tenant's admins only.",
    expect: admins(200),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks",
    method: "GET",
    concrete: "/api/v1/tenants/kestrel-eu/webhooks",
    note: "Another organisation's webhooks: not found for Northwind's people (and their tokens), refused for staff.",
    expect: signedIn(403, 401, CUSTOMER(404)),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks",
    method: "GET",
    concrete: "/api/v1/tenants/northwind-gcc/webhooks",
    note: "Webhooks of a tenant homed in me-central-1: 421 with the home instance's URL, never data.",
    expect: signedIn(421, 401),
    location: sameForSignedIn("{url:me-central-1}/api/v1/tenants/northwind-gcc/webhooks"),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks",
    method: "POST",
    concrete: "/api/v1/tenants/northwind-eu/webhooks",
    body: { url: "https://user:secret@hooks.northwind.example/terrane", events: [] },
    note: "Adding an endpoint is webhooks.manage: others are refused first; the admin's URL with credentials is 400, nothing created.",
    expect: admins(400),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks",
    method: "POST",
    concrete: "/api/v1/tenants/northwind-eu/webhooks",
    body: { url: 42, extra: true },
    note: "A malformed body is 400 for anyone authenticated.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks/[id]/disable",
    method: "POST",
    concrete: HOOK("northwind-eu", "/disable"),
    note: "Disabling is webhooks.manage: the admin reaches the lookup (unknown endpoint, 404).",
    expect: admins(404),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks/[id]/enable",
    method: "POST",
    concrete: HOOK("northwind-eu", "/enable"),
    note: "Enabling is webhooks.manage.",
    expect: admins(404),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks/[id]/test",
    method: "POST",
    concrete: HOOK("northwind-eu", "/test"),
    note: "A test ping is webhooks.manage.",
    expect: admins(404),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks/[id]/deliveries",
    method: "GET",
    concrete: HOOK("northwind-eu", "/deliveries"),
    note: "The delivery log is webhooks.read.",
    expect: admins(404),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/webhooks/[id]/deliveries",
    method: "GET",
    concrete: HOOK("kestrel-eu", "/deliveries"),
    note: "Another organisation's delivery log: not found for Northwind's people, refused for staff.",
    expect: signedIn(403, 401, CUSTOMER(404)),
  },
];

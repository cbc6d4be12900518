/** Authorization matrix rows: the register's public e-mail subscriptions (no sign-in at all). */
import { everyone, sameForSignedIn, type ApiEntry, type PageEntry } from "./authz-matrix-types";

// ---------------------------------------------------------------------------------------
// Public, auth "none": a credential sent is not even looked up, so every role (and anonymous)
// gets the same answer. Rows use unknown or malformed links and a malformed address only:
// a real subscription here would mail the shared e2e world. tests/subprocessors drives the
// whole double opt-in against a real SMTP server instead.
// ---------------------------------------------------------------------------------------

const S = "/api/v1/subprocessors/subscriptions";
/** Well-formed (43 base64url characters) but no subscription's. */
const UNKNOWN_LINK = "A".repeat(43);
const all = (location: string) => ({ ...sameForSignedIn(location), anonymous: location });

export const subscriptionPages: PageEntry[] = [
  {
    kind: "page",
    path: "/subprocessors/subscription",
    method: "GET",
    concrete: "/subprocessors/subscription",
    note: "The page a subscriber's links open is public; without a link it explains itself.",
    expect: everyone(200),
  },
  {
    kind: "page",
    path: "/subprocessors/subscription",
    method: "GET",
    concrete: `/subprocessors/subscription?unsubscribe=${UNKNOWN_LINK}`,
    note: "An unknown link says so and changes nothing, for anyone.",
    expect: everyone(200),
  },
];

export const subscriptionApis: ApiEntry[] = [
  {
    kind: "api",
    path: S,
    method: "POST",
    concrete: S,
    body: { email: "not an address" },
    note: "Subscribing is public; a malformed address is 400 for anyone, nothing stored.",
    expect: everyone(400),
  },
  {
    kind: "api",
    path: `${S}/confirm`,
    method: "GET",
    concrete: `${S}/confirm?token=${UNKNOWN_LINK}`,
    note: "A confirmation link's GET changes nothing: 303 to the page with the button, for anyone.",
    expect: everyone(303),
    location: all(`/subprocessors/subscription?confirm=${UNKNOWN_LINK}`),
  },
  {
    kind: "api",
    path: `${S}/confirm`,
    method: "POST",
    concrete: `${S}/confirm?token=${UNKNOWN_LINK}`,
    note: "Confirming needs the mailed secret, not an identity: an unknown one is 404 for anyone.",
    expect: everyone(404),
  },
  {
    kind: "api",
    path: `${S}/unsubscribe`,
    method: "GET",
    concrete: `${S}/unsubscribe?token=${UNKNOWN_LINK}`,
    note: "The List-Unsubscribe URL opened in a browser: 303 to the page with the button.",
    expect: everyone(303),
    location: all(`/subprocessors/subscription?unsubscribe=${UNKNOWN_LINK}`),
  },
  {
    kind: "api",
    path: `${S}/unsubscribe`,
    method: "POST",
    concrete: `${S}/unsubscribe?token=short`,
    note: "One-click unsubscribe needs the mailed secret: a malformed one is 400 for anyone.",
    expect: everyone(400),
  },
];

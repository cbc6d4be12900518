/**
 * Public e-mail subscriptions to the region's register: double opt-in, one-click unsubscribe
 * (RFC 8058). No sign-in; nothing answered says whether an address subscribes. Pure, so route
 * handlers, the OpenAPI generator and the subscribe form share it.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations } from "@/platform/http/openapi-spec";

/** RFC 5321 caps a path at 256 octets, so an address is at most 254. */
export const SUBSCRIBER_EMAIL_MAX = 254;

export const subscribeBody = z.strictObject({
  email: safeText()
    .trim()
    .toLowerCase()
    .min(1, "must be an e-mail address")
    .max(SUBSCRIBER_EMAIL_MAX, `must be at most ${SUBSCRIBER_EMAIL_MAX} characters`)
    .pipe(z.email("must be an e-mail address such as name@example.com")),
});
export type SubscribeBody = z.infer<typeof subscribeBody>;

/** A link's secret: 32 bytes, base64url (43 characters). */
export const subscriptionToken = safeText().regex(
  /^[A-Za-z0-9_-]{43}$/,
  "must be the 43-character code from the e-mail's link",
);
export const tokenQuery = z.object({ token: subscriptionToken });

/** The one answer to every subscribe request, whether the address is new, waiting or confirmed. */
export const SUBSCRIBE_ACCEPTED = {
  accepted: true,
  detail:
    "If this address can receive e-mail, a message with a confirmation link is on its way. Nothing is sent until the link is followed.",
} as const;

export const subscribeAcceptedView = z.object({ accepted: z.literal(true), detail: z.string() });
export const confirmedView = z.object({ state: z.literal("confirmed") });
export const unsubscribedView = z.object({ state: z.literal("unsubscribed") });

const S = "/api/v1/subprocessors/subscriptions";

export const subscriptionOperations = defineOperations("subprocessors", {
  [`POST ${S}`]: {
    summary:
      "Anyone asks for e-mail about the register's changes: a confirmation link is mailed (double opt-in). Always 202 with the same body.",
    auth: "none",
    body: subscribeBody,
    responses: { 202: subscribeAcceptedView },
  },
  [`GET ${S}/confirm`]: {
    summary: "The confirmation link opened: shows the page whose button confirms; changes nothing itself.",
    auth: "none",
    query: tokenQuery,
    responses: {},
    redirect: { status: 303, description: "To /subprocessors/subscription?confirm=…, the page with the button." },
  },
  [`POST ${S}/confirm`]: {
    summary: "Confirms the subscription the link was mailed for. Idempotent.",
    auth: "none",
    query: tokenQuery,
    responses: { 200: confirmedView },
  },
  [`GET ${S}/unsubscribe`]: {
    summary: "The unsubscribe link opened: shows the page whose button unsubscribes; changes nothing itself.",
    auth: "none",
    query: tokenQuery,
    responses: {},
    redirect: { status: 303, description: "To /subprocessors/subscription?unsubscribe=…, the page with the button." },
  },
  [`POST ${S}/unsubscribe`]: {
    summary:
      "One-click unsubscribe (RFC 8058: the List-Unsubscribe header's URL, posted with List-Unsubscribe=One-Click). Idempotent.",
    auth: "none",
    query: tokenQuery,
    responses: { 200: unsubscribedView },
  },
});

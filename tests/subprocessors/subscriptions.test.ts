import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as subscribeRoute } from "@/app/api/v1/subprocessors/subscriptions/route";
import { GET as confirmGet, POST as confirmPost } from "@/app/api/v1/subprocessors/subscriptions/confirm/route";
import {
  GET as unsubscribeGet,
  POST as unsubscribePost,
} from "@/app/api/v1/subprocessors/subscriptions/unsubscribe/route";
import { sendDueEmails } from "@/modules/notifications/server/email";
import {
  confirmedView,
  SUBSCRIBE_ACCEPTED,
  subscribeAcceptedView,
  unsubscribedView,
} from "@/modules/subprocessors/api-schemas/subscriptions";
import { subscriptionPageWords } from "@/modules/subprocessors/domain/subscription-page-words";
import { maskedEmail, subscriptionLink } from "@/modules/subprocessors/server/subscriptions";
import { DATABASE_KINDS } from "../helpers/databases";
import { call, expectProblem, request } from "../helpers/http";
import { useSeededRegion } from "../helpers/seeded-region";
import { announcedChange, entry, notifyNow, setSmtp, startSmtp, type Mail, type Smtp } from "./notify-world";

const REGION = "eu-central-1";
const BASE = "http://localhost:3000";
const S = "/api/v1/subprocessors/subscriptions";

type Handler = Parameters<typeof call>[0];

function post(handler: Handler, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return call(
    handler,
    request(path, {
      method: "POST",
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    }),
  );
}

const subscribe = (email: unknown) => post(subscribeRoute, S, { email });

/** The 43-character secret after `marker` in a mail's text. */
function secretIn(mail: Mail, marker: string): string {
  const m = mail.text.match(new RegExp(`${marker.replace(/[?]/g, "\\?")}([A-Za-z0-9_-]{43})`));
  if (!m) throw new Error(`no ${marker} link in:\n${mail.text}`);
  return m[1]!;
}

describe.each(DATABASE_KINDS)("public e-mail subscriptions, on %s", (kind) => {
  const world = useSeededRegion(kind, REGION);
  let smtp: Smtp;

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  beforeEach(async () => {
    setSmtp(smtp.url);
    smtp.mails.length = 0;
    await world.prisma.subprocessorSubscription.deleteMany({});
    await world.prisma.notificationEmail.deleteMany({});
  });
  afterAll(async () => {
    setSmtp(undefined);
    await smtp?.close();
  });

  it("double opt-in, a change by e-mail with one-click unsubscribe, then nothing more", async () => {
    const address = "reader@customer.example";
    const answer = await subscribe(" Reader@Customer.example ");
    expect(answer.status).toBe(202);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const accepted: unknown = await answer.json();
    expect(accepted).toEqual(SUBSCRIBE_ACCEPTED);
    subscribeAcceptedView.strict().parse(accepted);
    // Asking again at once: the same answer, and no second e-mail (throttled).
    const again = await subscribe(address);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(accepted);
    // Another address that never confirms.
    expect((await subscribe("never.confirms@customer.example")).status).toBe(202);

    expect(await sendDueEmails()).toEqual({ sent: 2, failed: 0 });
    const confirmation = smtp.mails.find((m) => m.to.includes(address))!;
    expect(confirmation.headers.get("subject")).toBe(
      "[Terrane] Confirm e-mail about the subprocessor register of eu-central-1",
    );
    expect(confirmation.text).toContain(`${BASE}/subprocessors/subscription?confirm=`);
    expect(confirmation.text).toContain("do not sign you in");
    const confirmToken = secretIn(confirmation, "/subprocessors/subscription?confirm=");
    const row = await world.prisma.subprocessorSubscription.findFirstOrThrow({ where: { email: address } });
    expect(row).toMatchObject({ region: REGION, state: "pending", confirmedAt: null });
    // Only digests are stored.
    const dump = JSON.stringify(await world.prisma.subprocessorSubscription.findMany());
    expect(dump).not.toContain(confirmToken);

    // Opening the link (as a mail scanner does) changes nothing: it shows the page with the button.
    const opened = await call(confirmGet, request(`${S}/confirm?token=${confirmToken}`));
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`/subprocessors/subscription?confirm=${confirmToken}`);
    expect(await subscriptionLink("confirm", confirmToken)).toEqual({
      state: "pending",
      address: "r•••@customer.example",
    });
    expect((await world.prisma.subprocessorSubscription.findUniqueOrThrow({ where: { id: row.id } })).state).toBe(
      "pending",
    );

    // A change while nobody has confirmed: no e-mail.
    const first = await announcedChange(world.prisma, REGION);
    await notifyNow(world.prisma, first);
    expect(
      await world.prisma.notificationEmail.count({ where: { userId: null, subject: { contains: "Postbox" } } }),
    ).toBe(0);

    // The button: confirmed; pressing it again is harmless.
    const confirmed = await post(confirmPost, `${S}/confirm?token=${confirmToken}`);
    expect(confirmed.status).toBe(200);
    expect(confirmedView.strict().parse(await confirmed.json())).toEqual({ state: "confirmed" });
    expect((await post(confirmPost, `${S}/confirm?token=${confirmToken}`)).status).toBe(200);
    const after = await world.prisma.subprocessorSubscription.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.state).toBe("confirmed");
    expect(after.confirmedAt).not.toBeNull();
    // Subscribing a confirmed address: the same answer, nothing sent.
    expect(await (await subscribe(address)).json()).toEqual(SUBSCRIBE_ACCEPTED);
    expect(await world.prisma.notificationEmail.count({ where: { status: "pending", userId: null } })).toBe(0);

    // An announced change: one e-mail to the confirmed address only, through the outbox (the
    // tenants' admins' e-mails are notify()'s, tested in tests/notifications).
    await world.prisma.notificationEmail.deleteMany({ where: { userId: { not: null } } });
    smtp.mails.length = 0;
    const change = await announcedChange(world.prisma, REGION, entry({ id: "ledger-pay", name: "Ledger Pay" }));
    await notifyNow(world.prisma, change);
    const queued = await world.prisma.notificationEmail.findMany({ where: { userId: null, status: "pending" } });
    expect(queued.map((q) => q.toAddress)).toEqual([address]);
    expect(queued[0]!.tenantId).toBeNull();
    expect((await sendDueEmails()).failed).toBe(0);
    const subscriberMails = smtp.mails.filter(
      (m) => !m.to.some((to) => to.endsWith("northwind.example") || to.includes("kestrel")),
    );
    expect(subscriberMails).toHaveLength(1);
    const notice = subscriberMails[0]!;
    expect(notice.to).toEqual([address]);
    expect(notice.headers.get("subject")).toBe(
      "[Terrane eu-central-1] New subprocessor announced: Ledger Pay, from 1 Feb 2027, 09:00 UTC",
    );
    expect(notice.text).toContain("Ledger Pay (Postbox Mail GmbH, Transactional e-mail) processes these data classes");
    expect(notice.text).toContain("Germany, Ireland");
    expect(notice.text).toContain(`${BASE}/trust`);
    const listUnsubscribe = notice.headers.get("list-unsubscribe")!;
    expect(listUnsubscribe).toMatch(
      new RegExp(`^<${BASE}${S}/unsubscribe\\?token=[A-Za-z0-9_-]{43}>$`.replace(/\//g, "\\/")),
    );
    expect(notice.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const unsubscribeToken = listUnsubscribe.slice(listUnsubscribe.indexOf("token=") + 6, -1);
    // The body's link is the page with the button, for the same secret.
    expect(secretIn(notice, "/subprocessors/subscription?unsubscribe=")).toBe(unsubscribeToken);
    expect(JSON.stringify(await world.prisma.subprocessorSubscription.findMany())).not.toContain(unsubscribeToken);

    // The List-Unsubscribe URL opened in a browser: the page, nothing changed.
    const viewed = await call(unsubscribeGet, request(`${S}/unsubscribe?token=${unsubscribeToken}`));
    expect(viewed.status).toBe(303);
    expect(viewed.headers.get("location")).toBe(`/subprocessors/subscription?unsubscribe=${unsubscribeToken}`);
    expect((await world.prisma.subprocessorSubscription.findUniqueOrThrow({ where: { id: row.id } })).state).toBe(
      "confirmed",
    );

    // RFC 8058: the mail client posts List-Unsubscribe=One-Click to the header's URL, without cookies.
    const oneClick = await post(
      unsubscribePost,
      new URL(listUnsubscribe.slice(1, -1)).pathname + new URL(listUnsubscribe.slice(1, -1)).search,
      "List-Unsubscribe=One-Click",
      { "content-type": "application/x-www-form-urlencoded" },
    );
    expect(oneClick.status).toBe(200);
    expect(unsubscribedView.strict().parse(await oneClick.json())).toEqual({ state: "unsubscribed" });
    expect((await post(unsubscribePost, `${S}/unsubscribe?token=${unsubscribeToken}`)).status).toBe(200);
    expect(await world.prisma.subprocessorSubscription.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      state: "unsubscribed",
    });

    // The next change reaches nobody; an old confirmation link does not re-subscribe.
    smtp.mails.length = 0;
    await notifyNow(world.prisma, change, "subprocessor.change_effective");
    expect(await world.prisma.notificationEmail.count({ where: { userId: null, status: "pending" } })).toBe(0);
    await expectProblem(await post(confirmPost, `${S}/confirm?token=${confirmToken}`), 409, "subscription_ended");

    // No audit entry names a subscriber.
    const audit = JSON.stringify(await world.prisma.auditEntry.findMany({ select: { details: true, subject: true } }));
    expect(audit).not.toContain("customer.example");
  });

  it("re-sends a confirmation after 10 minutes with a new link; the old one stops working", async () => {
    const address = "late@customer.example";
    await subscribe(address);
    await sendDueEmails();
    const oldToken = secretIn(smtp.mails.at(-1)!, "/subprocessors/subscription?confirm=");
    await subscribe(address);
    expect(await world.prisma.notificationEmail.count({ where: { toAddress: address } })).toBe(1);
    // Eleven minutes later (the outbox's clock moved back instead).
    await world.prisma.$executeRaw`UPDATE notification_emails SET created_at = created_at - interval '11 minutes'`;
    expect((await subscribe(address)).status).toBe(202);
    expect(await world.prisma.notificationEmail.count({ where: { toAddress: address } })).toBe(2);
    await sendDueEmails();
    const newToken = secretIn(smtp.mails.at(-1)!, "/subprocessors/subscription?confirm=");
    expect(newToken).not.toBe(oldToken);
    await expectProblem(await post(confirmPost, `${S}/confirm?token=${oldToken}`), 404, "subscription_link_unknown");
    expect((await post(confirmPost, `${S}/confirm?token=${newToken}`)).status).toBe(200);
  });

  it("refuses bad input precisely and changes nothing", async () => {
    const before = await world.count("subprocessor_subscriptions");
    for (const bad of ["not an address", "", "a@b", `${"x".repeat(250)}@example.com`, 42, null]) {
      const problem = await expectProblem(await subscribe(bad), 400, "invalid_body");
      expect(problem.detail).toMatch(/email/);
    }
    await expectProblem(await post(subscribeRoute, S, { email: "a@example.com", extra: 1 }), 400, "invalid_body");
    await expectProblem(await post(confirmPost, `${S}/confirm?token=short`), 400, "invalid_query");
    await expectProblem(await post(confirmPost, `${S}/confirm`), 400, "invalid_query");
    await expectProblem(
      await post(unsubscribePost, `${S}/unsubscribe?token=${"A".repeat(43)}`),
      404,
      "subscription_link_unknown",
    );
    await expectProblem(
      await post(confirmPost, `${S}/confirm?token=${"B".repeat(43)}`),
      404,
      "subscription_link_unknown",
    );
    await expectProblem(await call(confirmGet, request(`${S}/confirm?token=x`)), 400, "invalid_query");
    expect(await world.count("subprocessor_subscriptions")).toBe(before);
    expect(await world.count("notification_emails")).toBe(0);
  });

  it("without SMTP the region takes no subscriptions (503), and stores nothing", async () => {
    setSmtp(undefined);
    await expectProblem(await subscribe("someone@customer.example"), 503, "email_unavailable");
    expect(await world.count("subprocessor_subscriptions")).toBe(0);
  });

  it("the page says what a link does before anything changes", () => {
    expect(maskedEmail("ana@northwind.example")).toBe("a•••@northwind.example");
    expect(subscriptionPageWords("confirm", "pending", "Frankfurt")).toMatchObject({ action: true });
    expect(subscriptionPageWords("confirm", "confirmed", "Frankfurt")).toMatchObject({ action: false });
    expect(subscriptionPageWords("unsubscribe", "confirmed", "Frankfurt")).toMatchObject({ action: true });
    expect(subscriptionPageWords("unsubscribe", "unsubscribed", "Frankfurt").heading).toBe("Already unsubscribed");
    expect(subscriptionPageWords("unsubscribe", "unknown", "Frankfurt")).toMatchObject({
      heading: "This link is not known here",
      action: false,
    });
    expect(subscriptionPageWords(null, "unknown", "Frankfurt").action).toBe(false);
  });
});

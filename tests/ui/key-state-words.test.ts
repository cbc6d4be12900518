/**
 * The keys page's words for why a key is in its state, its receipts as past or present events,
 * and its usage buckets by source (the portal's own reads apart from the data plane's).
 */
import { describe, expect, it } from "vitest";
import { enabledAgainSince, receiptTitle, stateReason, wordsText } from "@/modules/keys/ui/key-state-words";
import { bucketUsage, usageByService, usageTotals } from "@/modules/keys/ui/usage-buckets";
import type { KeySummary, KeyTimeline, ReceiptView } from "@/modules/keys/client";

const ANA = { type: "user" as const, id: "u-1", name: "Ana Admin" };
const T0 = "2026-12-03T10:04:00.000Z";
const T1 = "2026-12-03T10:06:00.000Z";

type Facts = Pick<KeySummary, "state" | "state_change" | "state_changed_at">;
const key = (state: Facts["state"], reason: NonNullable<Facts["state_change"]>["reason"] | null, at = T1): Facts => ({
  state,
  state_changed_at: at,
  state_change: reason ? { at, reason, by: ANA } : null,
});

const receipt = (over: Partial<ReceiptView> = {}): ReceiptView => ({
  id: "r-1",
  status: "complete",
  disabled_at: T0,
  instances: [{ instance: "i-1", failed_at: "2026-12-03T10:04:00.010Z", ms: 10, attempts: 1 }],
  expected_instances: 1,
  max_ms: 10,
  completed_at: "2026-12-03T10:04:01.000Z",
  body: null,
  signature: null,
  ...over,
});

describe("why a key is in its state", () => {
  it("a disable names who and when, with the zone", () => {
    expect(wordsText(stateReason(key("disabled", "disabled")))).toBe(
      "Disabled since 3 Dec 2026, 10:06 UTC by Ana Admin; enable it to use it again.",
    );
  });

  it("a cancelled deletion says so, by whom, and that enabling is the next step", () => {
    expect(wordsText(stateReason(key("disabled", "deletion_cancelled")))).toBe(
      "Disabled since 3 Dec 2026, 10:06 UTC — the scheduled deletion was cancelled by Ana Admin on 3 Dec 2026, 10:06 UTC; a cancelled deletion leaves the key disabled, so enable it to use it again.",
    );
  });

  it("enabled, created, scheduled for deletion and destroyed each say their event; a system actor by its name", () => {
    expect(wordsText(stateReason(key("enabled", "enabled")))).toBe("Enabled since 3 Dec 2026, 10:06 UTC by Ana Admin.");
    expect(
      wordsText(
        stateReason({
          state: "enabled",
          state_changed_at: T0,
          state_change: { at: T0, reason: "created", by: { type: "system", id: "demo-seed", name: "Demo seed" } },
        }),
      ),
    ).toBe("Enabled since the key was created on 3 Dec 2026, 10:04 UTC by Demo seed.");
    expect(wordsText(stateReason(key("pending_deletion", "deletion_scheduled")))).toBe(
      "Deletion scheduled on 3 Dec 2026, 10:06 UTC by Ana Admin; cancel it before the date to keep the key.",
    );
    expect(
      wordsText(
        stateReason({
          state: "destroyed",
          state_changed_at: T1,
          state_change: {
            at: T1,
            reason: "destroyed",
            by: { type: "system", id: "key-deletion", name: "Key deletion job" },
          },
        }),
      ),
    ).toBe("Destroyed on 3 Dec 2026, 10:06 UTC by Key deletion job.");
  });

  it("without a known reason, only since when (never a guess); the times are parts of their own", () => {
    expect(wordsText(stateReason(key("disabled", null)))).toBe("In this state since 3 Dec 2026, 10:06 UTC.");
    expect(stateReason(key("disabled", "disabled"))).toContainEqual({ time: T1 });
  });
});

describe("receipts as past events", () => {
  it("the newest receipt of a key still off is the present state (the big headline stays)", () => {
    expect(receiptTitle(receipt(), key("disabled", "disabled", T0), true)).toEqual({ tense: "current", words: [] });
    expect(receiptTitle(receipt(), key("disabled", "deletion_cancelled"), true).tense).toBe("current");
  });

  it("once the key is enabled again, the newest receipt is the last revocation, with when it was undone", () => {
    const title = receiptTitle(receipt(), key("enabled", "enabled"), true);
    expect(title.tense).toBe("past");
    expect(wordsText(title.words)).toBe(
      "Last revocation on 3 Dec 2026, 10:04 UTC: every instance refused within 10 ms — enabled again since 3 Dec 2026, 10:06 UTC.",
    );
    expect(enabledAgainSince(receipt(), key("enabled", "enabled"))).toBe(T1);
    expect(enabledAgainSince(receipt(), key("disabled", "disabled"))).toBeNull();
  });

  it("earlier receipts are past events; an incomplete one says it was not confirmed everywhere", () => {
    expect(wordsText(receiptTitle(receipt({ max_ms: 4 }), key("disabled", "disabled"), false).words)).toBe(
      "Revocation on 3 Dec 2026, 10:04 UTC: every instance refused within 4 ms.",
    );
    expect(
      wordsText(receiptTitle(receipt({ status: "incomplete", max_ms: 12 }), key("enabled", "enabled"), true).words),
    ).toBe(
      "Last revocation on 3 Dec 2026, 10:04 UTC: not confirmed everywhere (the instances that reported refused within 12 ms) — enabled again since 3 Dec 2026, 10:06 UTC.",
    );
  });
});

describe("usage buckets by source", () => {
  const HOUR = 3_600_000;
  const from = Date.parse("2026-12-03T08:00:00.000Z");
  const row = (over: Partial<KeyTimeline["usage"][number]>): KeyTimeline["usage"][number] => ({
    hour: "2026-12-03T10:00:00.000Z",
    operation: "decrypt",
    service: "shipments-api",
    source: "data_plane",
    count: 0,
    failures: 0,
    after_disable: false,
    ...over,
  });
  const usage = [
    row({ hour: "2026-12-03T08:00:00.000Z", count: 100, failures: 2 }),
    row({ count: 50, failures: 50, after_disable: true }),
    row({ service: "terrane-portal", source: "portal", count: 7, failures: 6, after_disable: true }),
    row({ hour: "2026-12-03T09:00:00.000Z", service: "terrane-portal", source: "portal", count: 3, failures: 0 }),
  ];

  it("red is the data plane's failures after a disable; the portal's own reads are their own series", () => {
    const buckets = bucketUsage(usage, { from, to: from + 3 * HOUR }, HOUR);
    expect(buckets.map(({ bucket, ...b }) => [bucket.slice(11, 13), b])).toEqual([
      [
        "08",
        {
          succeeded: 98,
          failed: 2,
          failedAfterDisable: 0,
          portalSucceeded: 0,
          portalFailed: 0,
          portalFailedAfterDisable: 0,
        },
      ],
      [
        "09",
        {
          succeeded: 0,
          failed: 0,
          failedAfterDisable: 0,
          portalSucceeded: 3,
          portalFailed: 0,
          portalFailedAfterDisable: 0,
        },
      ],
      [
        "10",
        {
          succeeded: 0,
          failed: 0,
          failedAfterDisable: 50,
          portalSucceeded: 1,
          portalFailed: 6,
          portalFailedAfterDisable: 6,
        },
      ],
    ]);
    expect(usageTotals(buckets)).toEqual({
      ok: 98,
      failed: 2,
      after: 50,
      portalCalls: 10,
      portalFailed: 6,
      portalAfter: 6,
    });
  });

  it("rows without a source (an older server) are the data plane's; by service, each source is its own row", () => {
    const legacy = { ...row({ count: 5, failures: 5, after_disable: true }) } as Partial<KeyTimeline["usage"][number]>;
    delete legacy.source;
    const [b] = bucketUsage(
      [legacy as KeyTimeline["usage"][number]],
      { from: from + 2 * HOUR, to: from + 3 * HOUR },
      HOUR,
    );
    expect(b).toMatchObject({ failedAfterDisable: 5, portalFailed: 0 });
    const rows = usageByService([
      ...usage,
      row({ service: "terrane-portal", count: 9, failures: 1, after_disable: true }),
    ]);
    expect(
      rows
        .filter((r) => r.service === "terrane-portal")
        .map((r) => [r.source, r.calls, r.failed, r.failedAfterDisable]),
    ).toEqual([
      ["portal", 10, 6, 0],
      ["data_plane", 9, 0, 1],
    ]);
  });
});

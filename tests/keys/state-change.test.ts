/**
 * Keys tell their state (issue 15, item 5): the key summary says why the key is in its state
 * (the event that set it, who by name, when), the timeline names its actors, and usage is
 * recorded by source, so the portal's own reads are a series apart from the data plane's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelKeyDeletion, disableKey, enableKey, scheduleKeyDeletion } from "@/modules/keys/server/lifecycle";
import { destroyKeyIfDue } from "@/modules/keys/server/destruction";
import { onKeyStateChange } from "@/modules/keys/server/state-channel";
import { probeUntilRevoked } from "@/modules/keys/server/revocation";
import { listTenantKeys } from "@/modules/keys/server/tenant-keys";
import { keyTimeline, timelineCsv } from "@/modules/keys/server/timeline";
import { countKeyUse, flushKeyUse, hourOf } from "@/modules/keys/server/usage-counter";
import { ingestKeyUsage } from "@/modules/keys/server/usage-ingest";
import { bucketUsage, usageByService, usageTotals } from "@/modules/keys/ui/usage-buckets";
import { keySummary as keySummarySchema, keyTimeline as keyTimelineSchema } from "@/modules/keys/api-schemas";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import { ORIGIN, primaryKeyId, readOutcomes, tenantId, useKeyWorld, waitFor } from "../helpers/keys-world";

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);
const HOUR_MS = 3_600_000;

describe.each(DATABASE_KINDS)("why a key is in its state, and usage by source, on %s", (kind) => {
  const world = useKeyWorld(kind);
  let keyId: string;
  let stopProbes: () => void;
  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
    stopProbes = onKeyStateChange((news) => void probeUntilRevoked(news));
  });
  afterAll(() => stopProbes?.());

  const ana = () => world.session(EU.northwindAdmin);
  const ben = () => world.session(EU.northwindAdmin2);
  const viewed = async () => {
    const list = await listTenantKeys(await world.session(EU.northwindViewer), SLUG, ORIGIN);
    const key = list.keys.find((k) => k.id === keyId)!;
    expect(keySummarySchema.safeParse(key).success).toBe(true);
    return key;
  };
  const receiptsDone = () =>
    waitFor(
      "every receipt",
      async () => (await world.prisma.revocationReceipt.count({ where: { keyId, status: "pending" } })) === 0,
    );

  it("a new key: enabled since it was created, by the system component that created it, by name", async () => {
    const key = await viewed();
    expect(key.state).toBe("enabled");
    expect(key.state_change).toEqual({
      at: key.state_changed_at,
      reason: "created",
      by: { type: "system", id: "demo-seed", name: "Demo seed" },
    });
  });

  it("after a disable: disabled, when and by whom (a person by name); the change's own answer says the same", async () => {
    const anaId = await world.userId(EU.northwindAdmin);
    const result = await disableKey(await ana(), SLUG, keyId, SLUG, ORIGIN);
    const expected = {
      at: result.key.state_changed_at,
      reason: "disabled",
      by: { type: "user", id: anaId, name: "Ana Ortega" },
    };
    expect(result.key.state_change).toEqual(expected);
    expect((await viewed()).state_change).toEqual(expected);
    await receiptsDone();
  });

  it("after an enable by another admin: enabled, by that admin", async () => {
    const result = await enableKey(await ben(), SLUG, keyId, ORIGIN);
    expect(result.key.state_change).toMatchObject({
      at: result.key.state_changed_at,
      reason: "enabled",
      by: { type: "user", name: "Ben Okafor" },
    });
  });

  it("after a cancelled deletion: disabled, and the reason is the cancellation (by whom), not a disable", async () => {
    const scheduled = await scheduleKeyDeletion(await ana(), SLUG, keyId, { confirm: SLUG, days: 7 }, ORIGIN);
    expect(scheduled.key.state_change).toMatchObject({ reason: "deletion_scheduled", by: { name: "Ana Ortega" } });
    await receiptsDone();
    const cancelled = await cancelKeyDeletion(await ben(), SLUG, keyId, ORIGIN);
    expect(cancelled.key.state).toBe("disabled");
    expect(cancelled.key.state_change).toMatchObject({
      at: cancelled.key.state_changed_at,
      reason: "deletion_cancelled",
      by: { type: "user", name: "Ben Okafor" },
    });
    expect((await viewed()).state_change?.reason).toBe("deletion_cancelled");
    const enabled = await enableKey(await ana(), SLUG, keyId, ORIGIN);
    expect(enabled.key.state_change).toMatchObject({ reason: "enabled", by: { name: "Ana Ortega" } });
  });

  it("the timeline names every event's actor (people by name, system components by theirs), also in the CSV", async () => {
    const timeline = await keyTimeline(await world.session(EU.northwindViewer), SLUG, keyId, {}, ORIGIN);
    expect(keyTimelineSchema.safeParse(timeline).success).toBe(true);
    const byType = (type: string) => timeline.events.filter((e) => e.type === type).map((e) => e.actor?.name);
    expect(byType("created")).toEqual(["Demo seed"]);
    expect(byType("disabled")).toEqual(["Ana Ortega"]);
    expect(byType("deletion_cancelled")).toEqual(["Ben Okafor"]);
    expect(byType("enabled")).toEqual(["Ben Okafor", "Ana Ortega"]);
    const csv = timelineCsv(timeline).split("\r\n");
    expect(csv[0]!.endsWith('"source","actor_name"')).toBe(true);
    expect(
      csv.some((l) => l.startsWith('"event"') && l.includes('"deletion_cancelled"') && l.endsWith('"Ben Okafor"')),
    ).toBe(true);
  });

  it("usage by source: the portal's refused reads while disabled are the portal's series, the data plane's are red", async () => {
    const hour = hourOf(new Date());
    // A data-plane service that happens to call itself like the portal stays the data plane's row.
    const reported = {
      tenant: SLUG,
      hour,
      operation: "decrypt" as const,
      service: "terrane-portal",
      count: 40,
      failures: 4,
    };
    await flushKeyUse(world.prisma);
    await disableKey(await ana(), SLUG, keyId, SLUG, ORIGIN);
    const refused = await readOutcomes(world.prisma, TENANT); // the portal's page reads, failing closed
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => !r.available)).toBe(true);
    countKeyUse(keyId, TENANT, "decrypt", "terrane-portal", false);
    await flushKeyUse(world.prisma);
    // Sent twice: the data plane's aggregate replaces itself; the portal's count is untouched.
    await ingestKeyUsage("test-token", reported);
    await ingestKeyUsage("test-token", reported);

    const timeline = await keyTimeline(await world.session(EU.northwindViewer), SLUG, keyId, {}, ORIGIN);
    const thisHour = timeline.usage.filter(
      (u) => u.hour === hour.toISOString() && u.operation === "decrypt" && u.service === "terrane-portal",
    );
    expect(thisHour.map((u) => u.source).sort()).toEqual(["data_plane", "portal"]);
    const portal = thisHour.find((u) => u.source === "portal")!;
    const plane = thisHour.find((u) => u.source === "data_plane")!;
    expect(plane).toMatchObject({ count: 40, failures: 4, after_disable: true });
    expect(portal.failures).toBeGreaterThanOrEqual(refused.length + 1);
    expect(portal.after_disable).toBe(true);
    // The seeded history is the data plane's.
    expect(timeline.usage.filter((u) => u.service === "shipments-api").every((u) => u.source === "data_plane")).toBe(
      true,
    );

    // What the page draws from it: red only for the data plane, the portal's refusals apart.
    const from = hour.getTime() - 23 * HOUR_MS;
    const buckets = bucketUsage(timeline.usage, { from, to: hour.getTime() + HOUR_MS }, HOUR_MS);
    const last = buckets.at(-1)!;
    const otherPlaneFailures = timeline.usage
      .filter((u) => u.hour === hour.toISOString() && u.source === "data_plane" && u !== plane && u.after_disable)
      .reduce((n, u) => n + u.failures, 0);
    expect(last.failedAfterDisable).toBe(4 + otherPlaneFailures);
    const portalFailuresThisHour = timeline.usage
      .filter((u) => u.hour === hour.toISOString() && u.source === "portal")
      .reduce((n, u) => n + u.failures, 0);
    expect(last.portalFailed).toBe(portalFailuresThisHour);
    expect(last.portalFailedAfterDisable).toBe(portalFailuresThisHour);
    expect(usageTotals(buckets).portalAfter).toBeGreaterThanOrEqual(refused.length + 1);
    const rows = usageByService(timeline.usage.filter((u) => u.hour === hour.toISOString()));
    expect(rows.find((r) => r.source === "portal" && r.service === "terrane-portal")).toMatchObject({
      failedAfterDisable: 0,
    });
    expect(rows.find((r) => r.source === "data_plane" && r.service === "terrane-portal")).toMatchObject({
      calls: 40,
      failedAfterDisable: 4,
    });
    await receiptsDone();
    await enableKey(await ana(), SLUG, keyId, ORIGIN);
  });

  it("a destroyed key: destroyed, by the key deletion job (a system actor, by its name)", async () => {
    const scheduled = await scheduleKeyDeletion(await ana(), SLUG, keyId, { confirm: SLUG, days: 7 }, ORIGIN);
    await receiptsDone();
    const due = new Date(scheduled.key.deletion_due_at!);
    expect(await destroyKeyIfDue(world.prisma, keyId, TENANT, new Date(due.getTime() + 1_000))).toBe(true);
    const key = await viewed();
    expect(key.state).toBe("destroyed");
    expect(key.state_change).toMatchObject({
      reason: "destroyed",
      by: { type: "system", id: "key-deletion", name: "Key deletion job" },
    });
  });
});

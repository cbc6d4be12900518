import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FieldCipherError } from "@/modules/keys/domain/field-cipher";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { cancelKeyDeletion, disableKey, enableKey, scheduleKeyDeletion } from "@/modules/keys/server/lifecycle";
import { onKeyStateChange } from "@/modules/keys/server/state-channel";
import { openFields, sealFields } from "@/modules/keys/server/protected-fields";
import { probeUntilRevoked } from "@/modules/keys/server/revocation";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import {
  changeCounts,
  decryptEverything,
  expectReceiptSigned,
  ORIGIN,
  primaryKeyId,
  protectedRows,
  readOutcomes,
  tenantId,
  totals,
  useKeyWorld,
  waitFor,
} from "../helpers/keys-world";

const SLUG = "northwind-eu";
const TENANT = tenantId(SLUG);

describe.each(DATABASE_KINDS)("tenant key lifecycle on %s (local KMS)", (kind) => {
  const world = useKeyWorld(kind);
  let keyId: string;
  let stopProbes: () => void;

  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
    // What startKeyServices wires in an instance: this process probes after every disable.
    stopProbes = onKeyStateChange((news) => void probeUntilRevoked(news));
  });
  afterAll(() => stopProbes?.());

  const admin = () => world.session(EU.northwindAdmin);

  async function completedReceipt(receiptId: string) {
    return waitFor("the revocation receipt", async () => {
      const r = await world.prisma.revocationReceipt.findUniqueOrThrow({
        where: { id: receiptId },
        include: { probes: true },
      });
      return r.status === "pending" ? null : r;
    });
  }

  it("reads every protected record while the key is enabled", async () => {
    const rows = await protectedRows(world.prisma, TENANT);
    expect(new Set(rows.map((r) => r.table))).toEqual(
      new Set(["tenant_contacts", "auditor_identities", "store_canaries"]),
    );
    const values = await decryptEverything(world.prisma, TENANT);
    expect(values).toContainEqual({
      name: "Ingrid Falk",
      email: "security@northwind.example",
      phone: "+46 8 555 014 22",
    });
    expect(values.some((v) => v.firm === "Ledgerline Assurance LLP")).toBe(true);
  });

  it("disable: every decrypt fails closed in plain words, a signed receipt follows; enable: all readable again", async () => {
    await decryptEverything(world.prisma, TENANT); // the DEK cache is warm
    const before = await changeCounts(world.prisma, keyId, "disabled");

    const result = await disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN);
    expect(result.key.state).toBe("disabled");
    expect(result.receipt?.status).toBe("pending");
    expect(await changeCounts(world.prisma, keyId, "disabled")).toEqual({
      events: before.events + 1,
      audit: before.audit + 1,
    });

    const rows = await protectedRows(world.prisma, TENANT);
    for (const r of rows) {
      const failure = await openFields(world.prisma, TENANT, r.table, r.recordId, r.sealed).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure, `${r.table} ${r.recordId}`).toBeInstanceOf(KeyUnavailableError);
      expect(failure).not.toBeInstanceOf(FieldCipherError);
      expect((failure as KeyUnavailableError).reason).toBe("disabled");
    }
    const shown = await readOutcomes(world.prisma, TENANT);
    expect(shown.length).toBe(rows.length);
    for (const s of shown) {
      expect(s).toMatchObject({ available: false, state: "disabled" });
      expect(s.available ? "" : s.reason).toMatch(
        /^The tenant's key is disabled, so its encrypted data cannot be read\./,
      );
    }
    // Nothing new can be encrypted under it either, and the other tenant is untouched.
    await expect(sealFields(world.prisma, TENANT, "tenant_contacts", "new", { name: "x" })).rejects.toBeInstanceOf(
      KeyUnavailableError,
    );
    expect((await decryptEverything(world.prisma, tenantId("kestrel-eu"))).length).toBeGreaterThan(0);

    const receipt = await completedReceipt(result.receipt!.id);
    expect(receipt.status).toBe("complete");
    expect(receipt.maxMs).toEqual(expect.any(Number));
    expect(receipt.probes).toHaveLength(1);
    expect(receipt.body).toMatchObject({
      type: "terrane.revocation-receipt/v1",
      key_id: keyId,
      tenant_id: TENANT,
      complete: true,
      missing: [],
      max_ms: receipt.maxMs,
    });
    await expectReceiptSigned(world.prisma, receipt);

    const enabledBefore = await changeCounts(world.prisma, keyId, "enabled");
    expect((await enableKey(await admin(), SLUG, keyId, ORIGIN)).key.state).toBe("enabled");
    expect(await changeCounts(world.prisma, keyId, "enabled")).toEqual({
      events: enabledBefore.events + 1,
      audit: enabledBefore.audit + 1,
    });
    expect((await decryptEverything(world.prisma, TENANT)).length).toBe(rows.length);
  });

  it("refuses impossible transitions with 409 and writes nothing for them", async () => {
    // The attempt starts only once the totals are read: a promise that rejects while nothing
    // awaits it yet is an unhandled rejection, and fails the run.
    const refused = async (attempt: () => Promise<unknown>, message: RegExp) => {
      const before = await totals(world.prisma);
      await expect(attempt()).rejects.toMatchObject({
        status: 409,
        code: "key_state_conflict",
        message: expect.stringMatching(message),
      });
      expect(await totals(world.prisma)).toEqual(before);
    };
    await refused(async () => enableKey(await admin(), SLUG, keyId, ORIGIN), /already enabled/);
    await refused(async () => cancelKeyDeletion(await admin(), SLUG, keyId, ORIGIN), /not scheduled/);

    const disabled = await disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN);
    await completedReceipt(disabled.receipt!.id);
    await refused(async () => disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN), /already disabled/);

    const scheduled = await scheduleKeyDeletion(await admin(), SLUG, keyId, { confirm: SLUG, days: 7 }, ORIGIN);
    expect(scheduled.key.state).toBe("pending_deletion");
    expect(scheduled.receipt).toBeUndefined(); // it was already disabled: nothing more to revoke
    await refused(async () => enableKey(await admin(), SLUG, keyId, ORIGIN), /cancel the deletion first/);
    await refused(
      async () => disableKey(await admin(), SLUG, keyId, SLUG, ORIGIN),
      /pending deletion cannot be disabled/,
    );
    await refused(
      async () => scheduleKeyDeletion(await admin(), SLUG, keyId, { confirm: SLUG, days: 7 }, ORIGIN),
      /already scheduled/,
    );

    expect((await cancelKeyDeletion(await admin(), SLUG, keyId, ORIGIN)).key.state).toBe("disabled");
    expect((await enableKey(await admin(), SLUG, keyId, ORIGIN)).key.state).toBe("enabled");
  });

  it("a wrong confirmation is a 400 and changes nothing", async () => {
    const before = await totals(world.prisma);
    for (const confirm of ["", "Northwind-EU", "kestrel-eu", `${SLUG} `]) {
      await expect(disableKey(await admin(), SLUG, keyId, confirm, ORIGIN)).rejects.toMatchObject({
        status: 400,
        code: "confirmation_mismatch",
      });
      await expect(scheduleKeyDeletion(await admin(), SLUG, keyId, { confirm, days: 7 }, ORIGIN)).rejects.toMatchObject(
        { status: 400, code: "confirmation_mismatch" },
      );
    }
    expect(await totals(world.prisma)).toEqual(before);
    expect((await world.prisma.tenantKey.findUniqueOrThrow({ where: { id: keyId } })).state).toBe("enabled");
  });

  it("another tenant's key, or an unknown one, is not found through this tenant", async () => {
    const kestrelKey = await primaryKeyId(world.prisma, "kestrel-eu");
    for (const id of [kestrelKey, "00000000-0000-4000-8000-000000000000"]) {
      await expect(disableKey(await admin(), SLUG, id, SLUG, ORIGIN)).rejects.toMatchObject({
        status: 404,
        code: "key_not_found",
      });
    }
    expect((await world.prisma.tenantKey.findUniqueOrThrow({ where: { id: kestrelKey } })).state).toBe("enabled");
  });
});

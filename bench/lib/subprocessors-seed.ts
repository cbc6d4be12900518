/**
 * A large subprocessor register for the benches: 500 subprocessors and 5,000 changes in the
 * history, written directly (a bench of the reads, not of proposing). Every subprocessor was added
 * and most changed several times; the last 30 changes are announced with their notice running,
 * 20 were withdrawn after announcement, every 25th entry is retired. Then the register is signed
 * once as it stands, as the workflow does after a change.
 */
import { randomUUID } from "node:crypto";
import { databaseNow } from "@/platform/db/db-time";
import type { Prisma, PrismaClient } from "@/platform/db/transaction";
import { attestationSigner } from "@/modules/attestations/server/sign";
import { recordSnapshot } from "@/modules/subprocessors/server/snapshot";
import type { SubprocessorEntry } from "@/modules/subprocessors/domain/model";

export const SUBPROCESSORS = 500;
export const CHANGES = 5_000;
export const ANNOUNCED = 30;
const WITHDRAWN = 20;
const DAY = 86_400_000;

const COUNTRIES = ["DE", "US", "IE", "FR", "NL", "SE", "GB", "JP", "SG", "CA"];
const CLASSES = ["customer_pii", "business_records", "payment_data"];

function benchEntry(region: string, i: number, at: Date, over: Partial<SubprocessorEntry> = {}): SubprocessorEntry {
  return {
    id: `bench-${String(i).padStart(4, "0")}`,
    name: `Bench Processor ${i}`,
    legal_entity: `Bench Processor ${i} GmbH`,
    service: ["E-mail delivery", "Support desk", "Analytics", "Payments", "Cloud hosting"][i % 5]!,
    purpose: `Processes the customer's records for service ${i}, under the provider's instructions only.`,
    data_classes: CLASSES.slice(0, 1 + (i % 3)),
    locations: [COUNTRIES[i % COUNTRIES.length]!, COUNTRIES[(i + 3) % COUNTRIES.length]!],
    storage_regions: [region],
    transfer_mechanism: "sccs",
    scc_module: 2,
    dpa_date: "2026-01-15",
    certifications: ["ISO/IEC 27001", "SOC 2 Type II"],
    key_custody: i % 2 ? ["byok"] : [],
    website: `https://processor-${i}.example/dpa`,
    status: "active",
    effective_at: at.toISOString(),
    ...over,
  };
}

export async function seedLargeRegister(db: PrismaClient, region: string): Promise<void> {
  const now = await databaseNow(db);
  const author = await db.user.findFirstOrThrow({ select: { id: true } });
  const start = now.getTime() - 3 * 365 * DAY;
  await db.subprocessor.createMany({
    data: Array.from({ length: SUBPROCESSORS }, (_, k) => {
      const e = benchEntry(region, k + 1, new Date(start + k * DAY));
      return {
        id: e.id,
        region,
        name: e.name,
        legalEntity: e.legal_entity,
        service: e.service,
        purpose: e.purpose,
        dataClasses: e.data_classes,
        locations: e.locations,
        storageRegions: e.storage_regions,
        transferMechanism: e.transfer_mechanism,
        sccModule: e.scc_module,
        dpaDate: new Date(`${e.dpa_date}T00:00:00Z`),
        certifications: e.certifications,
        keyCustody: e.key_custody,
        website: e.website,
        status: (k + 1) % 25 === 0 ? "retired" : "active",
        effectiveAt: new Date(e.effective_at),
      };
    }),
  });
  const rows = Array.from({ length: CHANGES }, (_, c) => {
    const i = (c % SUBPROCESSORS) + 1;
    const created = new Date(start + (c * (3 * 365 * DAY - 40 * DAY)) / CHANGES);
    const reviewed = new Date(created.getTime() + DAY);
    const announced = c >= CHANGES - ANNOUNCED && i % 25 !== 0;
    const withdrawn = !announced && c >= CHANGES - ANNOUNCED - WITHDRAWN;
    const effective = announced ? new Date(now.getTime() + 29 * DAY) : new Date(reviewed.getTime() + 30 * DAY);
    const before = c < SUBPROCESSORS ? null : benchEntry(region, i, created);
    const after = benchEntry(region, i, effective, {
      locations: [COUNTRIES[(i + c) % COUNTRIES.length]!, COUNTRIES[(i + c + 4) % COUNTRIES.length]!],
    });
    return {
      id: randomUUID(),
      region,
      subprocessorId: after.id,
      kind: c < SUBPROCESSORS ? "add" : "change",
      state: announced ? "announced" : withdrawn ? "withdrawn" : "effective",
      before: before ?? undefined,
      after,
      authorId: author.id,
      reviewerId: author.id,
      reviewedAt: announced ? new Date(now.getTime() - DAY) : reviewed,
      noticeDays: 30,
      effectiveAt: effective,
      appliedAt: announced || withdrawn ? null : effective,
      createdAt: created,
    };
  });
  for (let k = 0; k < rows.length; k += 1_000) {
    await db.subprocessorChange.createMany({
      data: rows.slice(k, k + 1_000) as unknown as Prisma.SubprocessorChangeCreateManyInput[],
    });
  }
  // The published register is signed once as it now stands, as the workflow does after a change.
  const signer = await attestationSigner();
  await db.$transaction((tx) => recordSnapshot(tx, signer, { changeId: null, reason: "announced" }), {
    timeout: 60_000,
  });
}

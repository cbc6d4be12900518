import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseNow } from "@/platform/db/db-time";
import { integratePending } from "@/modules/audit/server/integrator";
import { evidencePackage } from "@/modules/evidence/server/package";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { fillTenantAudit } from "../helpers/tenant-audit-fill";

const DAY = 86_400_000;
const ENTRIES = 100_000;
const MB = 1024 * 1024;

// The collector on demand, so what is measured is memory held, not garbage not yet collected.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

// A year of a busy tenant: on PostgreSQL where the suite has it (the embedded database integrates
// 100,000 entries too slowly for every run), else on the embedded one.
const KIND = process.env.TEST_DATABASE_URL ? "postgres" : "embedded";

describe(`a 12-month evidence package of ${ENTRIES.toLocaleString("en")} audit entries, on ${KIND}`, () => {
  const world = useSeededRegion(KIND, "eu-central-1");
  let period: { from: string; to: string };

  beforeAll(async () => {
    const now = await databaseNow(world.prisma);
    const tenant = await world.prisma.tenant.findUniqueOrThrow({
      where: { slug: "northwind-eu" },
      select: { id: true },
    });
    await fillTenantAudit(world.prisma, {
      region: "eu-central-1",
      tenantId: tenant.id,
      count: ENTRIES,
      from: new Date(now.getTime() - 360 * DAY),
      to: new Date(now.getTime() - DAY),
    });
    while ((await integratePending()).integrated > 0);
    await world.prisma.$executeRawUnsafe("ANALYZE audit_entries");
    period = { from: new Date(now.getTime() - 362 * DAY).toISOString(), to: now.toISOString() };
  }, 600_000);

  it("streams with the memory held flat: far less than the package, whatever its size", async () => {
    const admin = await world.session(EU.northwindAdmin);
    collect();
    const baseline = process.memoryUsage().heapUsed;
    let held = 0;
    let bytes = 0;
    let chunks = 0;
    // Only the archive's central directory is kept to check the result; the bytes are dropped.
    const tail: Buffer[] = [];
    const download = await evidencePackage(admin, "northwind-eu", period, { surface: "api", path: "/test" });
    const reader = download.stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      bytes += r.value.byteLength;
      tail.push(Buffer.from(r.value));
      if (tail.length > 4) tail.shift();
      if (++chunks % 50 === 0) {
        collect();
        held = Math.max(held, process.memoryUsage().heapUsed - baseline);
      }
    }
    const end = Buffer.concat(tail);
    const eocd = end.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(eocd).toBeGreaterThan(0);
    // The central directory's entries hold each file's uncompressed size.
    const directory = end.subarray(eocd - end.readUInt32LE(eocd + 12), eocd);
    let unpacked = 0;
    let entries = 0;
    for (let at = 0; at < directory.length; at += 46 + directory.readUInt16LE(at + 28)) {
      const name = directory.subarray(at + 46, at + 46 + directory.readUInt16LE(at + 28)).toString("utf8");
      const size = directory.readUInt32LE(at + 24);
      unpacked += size;
      if (name === "audit/entries.jsonl") entries = size;
    }
    expect(entries).toBeGreaterThan(ENTRIES * 200);
    expect(unpacked).toBeGreaterThan(100 * MB);
    expect(bytes).toBeGreaterThan(5 * MB);
    // Pages of 1,000 rows, one file's deflate window and the manifest: tens of MB at most, not
    // the 100+ MB the package unpacks to.
    expect(held).toBeLessThan(48 * MB);
  }, 600_000);
});

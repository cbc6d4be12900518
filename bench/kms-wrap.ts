/**
 * `npm run bench:kms`: data-key wraps and unwraps per second through each KMS provider, next to
 * raw AES-256-GCM in node:crypto on the same 32-byte data key (the floor any provider adds to).
 *
 * The pkcs11 provider runs against a fresh SoftHSM2 token (Debian's softhsm2), or against a real
 * HSM when PKCS11_MODULE, PKCS11_TOKEN_LABEL and PKCS11_PIN are set. Calls are sequential (one
 * awaited at a time), then 16 in flight, which a provider instance serialises on its session.
 *
 *   npm run bench:kms -- [operations per case, default 5000]
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from "node:crypto";
import { LocalKms } from "@/platform/kms/local";
import { Pkcs11Kms } from "@/platform/kms/pkcs11";
import type { KeyVersionMaterial, KmsProvider } from "@/platform/kms/provider";
import { resetEnvCache } from "@/platform/env";
import { createSoftHsmToken, type SoftHsmToken } from "../tests/helpers/softhsm";

const REGION = "eu-central-1";
const OPS = Number(process.argv[2] ?? 5000);
const CONTEXT = "terrane:dek:bench-tenant:bench-dek";

interface Row {
  provider: string;
  inFlight: number;
  wrapsPerSec: number;
  unwrapsPerSec: number;
}

/** Runs `op` OPS times with `inFlight` calls outstanding; returns operations per second. */
async function rate(inFlight: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < OPS) await op(next++);
    }),
  );
  return OPS / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function measure(
  name: string,
  wrap: (k: Buffer) => Promise<Buffer>,
  unwrap: (w: Buffer) => Promise<Buffer>,
  inFlight: number,
): Promise<Row> {
  const keys = Array.from({ length: OPS }, () => randomBytes(32));
  // Warm-up: the JIT and, for the HSM, its object cache.
  for (let i = 0; i < Math.min(OPS, 1000); i++) await unwrap(await wrap(keys[i] ?? randomBytes(32)));
  const wrapped: Buffer[] = new Array<Buffer>(OPS);
  const wrapsPerSec = await rate(inFlight, async (i) => (wrapped[i] = await wrap(keys[i] ?? randomBytes(32))));
  const unwrapsPerSec = await rate(inFlight, async (i) => {
    const back = await unwrap(wrapped[i] ?? Buffer.alloc(0));
    if (!back.equals(keys[i] ?? Buffer.alloc(0))) throw new Error(`${name}: unwrap returned another key`);
  });
  return { provider: name, inFlight, wrapsPerSec, unwrapsPerSec };
}

function rawGcm(): { wrap: (k: Buffer) => Promise<Buffer>; unwrap: (w: Buffer) => Promise<Buffer> } {
  const kek = randomBytes(32);
  const aad = Buffer.from(CONTEXT, "utf8");
  return {
    wrap: async (dataKey) => {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", kek, iv).setAAD(aad);
      return Buffer.concat([iv, c.update(dataKey), c.final(), c.getAuthTag()]);
    },
    unwrap: async (w) => {
      const d = createDecipheriv("aes-256-gcm", kek, w.subarray(0, 12)).setAAD(aad);
      d.setAuthTag(w.subarray(w.length - 16));
      return Buffer.concat([d.update(w.subarray(12, w.length - 16)), d.final()]);
    },
  };
}

async function version(kms: KmsProvider): Promise<KeyVersionMaterial> {
  const ref = { keyRef: "bench/key", keyId: randomUUID(), version: 1, versionId: randomUUID() };
  return { ...ref, ...(await kms.createVersion(ref)) };
}

async function pkcs11(): Promise<{ kms: Pkcs11Kms; label: string; token?: SoftHsmToken }> {
  const { PKCS11_MODULE: module, PKCS11_TOKEN_LABEL: tokenLabel, PKCS11_PIN: pin } = process.env;
  if (module && tokenLabel && pin)
    return { kms: new Pkcs11Kms({ module, tokenLabel, pin, region: REGION }), label: "pkcs11 (PKCS11_MODULE)" };
  const token = await createSoftHsmToken();
  return { kms: new Pkcs11Kms({ ...token, region: REGION }), label: "pkcs11 (SoftHSM2)", token };
}

function print(rows: Row[]): void {
  const head = ["provider", "in flight", "wraps/s", "unwraps/s", "wrap µs", "unwrap µs"];
  const body = rows.map((r) => [
    r.provider,
    String(r.inFlight),
    r.wrapsPerSec.toFixed(0),
    r.unwrapsPerSec.toFixed(0),
    (1e6 / r.wrapsPerSec).toFixed(1),
    (1e6 / r.unwrapsPerSec).toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(`\n${OPS} operations per case, 32-byte data keys, node ${process.version}\n`);
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) console.log(line(b));
  console.log("");
}

async function main(): Promise<void> {
  if (!Number.isInteger(OPS) || OPS < 1) throw new Error("usage: npm run bench:kms -- [operations per case]");
  // The local provider seals its material under the region key; a throwaway one will do.
  process.env.REGION = REGION;
  process.env.REGION_SEALING_KEY = randomBytes(32).toString("base64");
  resetEnvCache();

  const rows: Row[] = [];
  const raw = rawGcm();
  rows.push(await measure("raw AES-256-GCM (node:crypto)", raw.wrap, raw.unwrap, 1));

  const local = new LocalKms(REGION);
  const lv = await version(local);
  rows.push(
    await measure(
      "local",
      (k) => local.wrap(lv, k, CONTEXT),
      (w) => local.unwrap(lv, w, CONTEXT),
      1,
    ),
  );

  const hsm = await pkcs11();
  try {
    const pv = await version(hsm.kms);
    for (const inFlight of [1, 16]) {
      rows.push(
        await measure(
          hsm.label,
          (k) => hsm.kms.wrap(pv, k, CONTEXT),
          (w) => hsm.kms.unwrap(pv, w, CONTEXT),
          inFlight,
        ),
      );
    }
    await hsm.kms.destroyVersion(pv);
  } finally {
    await hsm.kms.close();
    hsm.token?.cleanup();
  }
  print(rows);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

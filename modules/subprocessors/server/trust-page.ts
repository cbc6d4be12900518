import "server-only";
import { parseCheckpoint } from "@/modules/audit/domain/checkpoint";
import { parseNote } from "@/modules/audit/domain/note";
import { regionJwks, servedCheckpoint } from "@/modules/audit/server/public-log";
import type { PublicRegisterView } from "@/modules/subprocessors/api-schemas/public";
import { publishedRegister } from "@/modules/subprocessors/server/public-register";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/transaction";
import { logger } from "@/platform/log/logger";
import { countryName } from "@/platform/region/countries";
import { currentRegion, listRegions } from "@/platform/region/registry";
import type { TierName } from "@/platform/region/tier";
import { latestReport } from "@/modules/lawful-access/server/reports";
import type { ReportView } from "@/modules/lawful-access/api-schemas/reports";

export interface TrustRegion {
  id: string;
  name: string;
  city: string;
  country: string;
  country_name: string;
  jurisdiction: string;
  latitude: number;
  longitude: number;
  tiers: TierName[];
}

export interface TrustKey {
  kid: string;
  purpose: string;
  /** The Ed25519 public key, base64url (the JWK's `x`). */
  x: string;
  /** The same key as a signed-note verifier key. */
  verifier_key: string;
}

export interface TrustCheckpoint {
  origin: string;
  size: number;
  /** The Merkle tree's root hash, hex. */
  root_hex: string;
  /** When the region signed it (the database's record of the checkpoint). */
  signed_at: string | null;
  /** Other regions that cosigned it as witnesses. */
  witnesses: number;
}

/** A country where the register's subprocessors process: a marker on the public map. */
export interface TrustCountry {
  code: string;
  name: string;
  subprocessors: { id: string; name: string; upcoming: boolean }[];
}

export interface TrustPage {
  region: TrustRegion;
  register: PublicRegisterView;
  /** Catalogue data class key → its name (the default catalogue: no tenant's own classes). */
  data_class_names: Record<string, string>;
  /** Region id → name, for storage regions. */
  region_names: Record<string, string>;
  keys: TrustKey[];
  /** Null when the log could not be read: the page still shows the register. */
  checkpoint: TrustCheckpoint | null;
  countries: TrustCountry[];
  /** The latest lawful-access transparency report (counts only), null before the first. */
  transparency: ReportView | null;
}

/** The checkpoint as signed, its size and root, and how many witnesses cosigned it. */
function checkpointFacts(note: string): Omit<TrustCheckpoint, "signed_at"> {
  const { text, signatures } = parseNote(note);
  const checkpoint = parseCheckpoint(text);
  const witnesses = new Set(signatures.map((s) => s.name).filter((name) => name !== checkpoint.origin));
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root_hex: checkpoint.root.toString("hex"),
    witnesses: witnesses.size,
  };
}

/** Every processing country of the published entries and of the upcoming changes, by name. */
function countriesOf(register: PublicRegisterView): TrustCountry[] {
  const byCode = new Map<string, TrustCountry>();
  const listed = new Set<string>();
  const add = (code: string, id: string, name: string, upcoming: boolean) => {
    let c = byCode.get(code);
    if (!c) byCode.set(code, (c = { code, name: countryName(code), subprocessors: [] }));
    const key = `${code} ${id}`;
    if (listed.has(key)) return;
    listed.add(key);
    c.subprocessors.push({ id, name, upcoming });
  };
  for (const e of register.subprocessors) for (const code of e.locations) add(code, e.id, e.name, false);
  for (const u of register.upcoming)
    if (u.kind !== "retire") for (const code of u.locations) add(code, u.id, u.name, true);
  return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Concurrent visitors share one read of the page's data, as `publishedRegister` shares the
 * register's: it is public and the same for everyone. Nothing is kept once it is answered, so a
 * visit that starts after a change has committed reads anew.
 */
const inFlight = new WeakMap<object, Promise<TrustPage>>();

/**
 * What the public trust page shows, all of it public already: the region (registry), the
 * register as `GET /api/v1/subprocessors` serves it, the catalogue's data class names, the keys
 * of /.well-known/jwks.json and the latest checkpoint of /api/v1/audit/checkpoint. No tenant,
 * objection or person is read.
 */
export async function trustPage(): Promise<TrustPage> {
  const db = await prisma();
  let pending = inFlight.get(db);
  if (!pending) {
    pending = readTrustPage(db).finally(() => inFlight.delete(db));
    inFlight.set(db, pending);
  }
  return pending;
}

async function readTrustPage(db: PrismaClient): Promise<TrustPage> {
  const region = currentRegion();
  const [register, classes, jwks, checkpoint, transparency] = await Promise.all([
    publishedRegister(db).then((published) => published.view),
    db.dataClass.findMany({ where: { tenantId: null }, select: { key: true, name: true } }),
    regionJwks(),
    servedCheckpoint()
      .then(async (note) => {
        const facts = checkpointFacts(note);
        const row = await db.auditCheckpoint.findUnique({
          where: { size: BigInt(facts.size) },
          select: { createdAt: true },
        });
        return { ...facts, signed_at: row?.createdAt.toISOString() ?? null };
      })
      .catch((error: unknown) => {
        logger().error({ err: error }, "trust page: the audit log's checkpoint could not be read");
        return null;
      }),
    latestReport(db),
  ]);
  return {
    region: {
      id: region.id,
      name: region.name,
      city: region.city,
      country: region.country,
      country_name: countryName(region.country),
      jurisdiction: region.jurisdiction,
      latitude: region.latitude,
      longitude: region.longitude,
      tiers: region.tiers,
    },
    register,
    data_class_names: Object.fromEntries(classes.map((c) => [c.key, c.name])),
    region_names: Object.fromEntries(listRegions().map((r) => [r.id, r.name])),
    keys: jwks.keys.map((k) => ({
      kid: k.kid,
      purpose: k.terrane_purpose,
      x: k.x,
      verifier_key: k.terrane_verifier_key,
    })),
    checkpoint,
    countries: countriesOf(register),
    transparency,
  };
}

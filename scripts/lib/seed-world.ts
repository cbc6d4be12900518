import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openRegionDatabase, useRegionDatabase } from "@/platform/db/db";
import { findRegion } from "@/platform/region/registry";
import { seedSubprocessors } from "@/prisma/seed/seed-subprocessors";
import { forgetSealingKey } from "@/platform/crypto/sealing";
import { closeKmsProviders } from "@/platform/kms/providers";
import { resetKeyCustodyCache } from "@/platform/kms/custody";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import { resetEnvCache } from "@/platform/env";
import { seedDecisions } from "@/prisma/seed/seed-decisions";
import { seedSupport } from "@/prisma/seed/seed-support";
import { backfillReviewItems } from "@/modules/reviews/server/backfill";
import { acceptSeedNdas } from "@/prisma/seed/seed-evidence";
import { seedIngestToken, seedKeys } from "@/prisma/seed/seed-keys";
import { passwordsForEveryone, seedRegion, type SeededToken, type SeededUser } from "@/prisma/seed/seed-region";
import { DEMO_HSM_VARS, demoHsmEnv, setUpDemoHsm } from "./demo-hsm";

export interface WorldRegion {
  id: string;
  url: string;
  /** PostgreSQL for this region; embedded under dataDir/<id> when absent. */
  databaseUrl?: string;
}

export interface DemoCredentials {
  regions: { id: string; url: string }[];
  users: SeededUser[];
  tokens: SeededToken[];
  /** Per region, an ingest token for the data plane's telemetry (`Authorization: Bearer tin_…`). */
  ingest_tokens: Record<string, string>;
}

/** Migrates and seeds every region from scratch and writes the credentials file. */
export async function seedWorld(options: {
  dataDir: string;
  regions: WorldRegion[];
  credentialsFile: string;
  /** Auditors whose NDA is accepted at once (the demo leaves it for the auditor to accept). */
  acceptNdas?: { email: string; tenant: string }[];
  /**
   * Whether a region homing a sovereign-tier tenant gets its national HSM, a SoftHSM2 token
   * (scripts/lib/demo-hsm.ts); default true. Without SoftHSM2, or with false, its keys go to the
   * software KMS and `<dataDir>/hsm/<region>/fallback.json` says why.
   */
  nationalHsm?: boolean;
}): Promise<DemoCredentials> {
  const passwords = passwordsForEveryone();
  const credentials: DemoCredentials = {
    regions: options.regions.map(({ id, url }) => ({ id, url })),
    users: [],
    tokens: [],
    ingest_tokens: {},
  };
  for (const region of options.regions) {
    const dataDir = path.join(options.dataDir, region.id);
    if (!region.databaseUrl) rmSync(dataDir, { recursive: true, force: true });
    const hsm = setUpDemoHsm(options.dataDir, region.id, { enabled: options.nationalHsm !== false });
    await actAsRegion(region.id, options.dataDir, hsm.status === "hsm" ? demoHsmEnv(hsm.token) : undefined);
    const database = await openRegionDatabase({ databaseUrl: region.databaseUrl, dataDir });
    try {
      const seeded = await seedRegion(database.prisma, region.id, passwords);
      await seedKeys(database.prisma);
      await seedDecisions(database.prisma);
      await seedSupport(database.prisma);
      // The register goes through the real workflow (signing, notifications): the module's code
      // reads the instance's database, so this one is installed for the call.
      useRegionDatabase(database);
      try {
        await seedSubprocessors(database.prisma, region.id, findRegion(region.id)?.country ?? "DE");
      } finally {
        useRegionDatabase(undefined);
      }
      await acceptSeedNdas(database.prisma, options.acceptNdas ?? []);
      // Sources the seed wrote straight into their tables get their review items, as the migration does.
      await backfillReviewItems(database.prisma);
      credentials.ingest_tokens[region.id] = await seedIngestToken(database.prisma, region.id);
      credentials.users.push(...seeded.users);
      credentials.tokens.push(...seeded.tokens);
    } finally {
      await database.close();
    }
  }
  // The last region's KMS sessions (its HSM's included) are not needed any more here.
  await closeKmsProviders();
  mkdirSync(path.dirname(options.credentialsFile), { recursive: true });
  writeFileSync(options.credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

/** The HSM variables as this process had them before any region's national HSM was set. */
let ownHsmEnv: Partial<Record<(typeof DEMO_HSM_VARS)[number], string>> | undefined;

/**
 * Keys are sealed for the region that will serve them (its id and its key file under the data
 * directory) and made in its KMS (its national HSM, when it has one), so seeding several regions
 * in one process switches this process's region; it stays the last one's afterwards.
 */
async function actAsRegion(region: string, dataDir: string, hsmEnv: Record<string, string> | undefined): Promise<void> {
  // Sessions on the previous region's token close first: SoftHSM reads SOFTHSM2_CONF again only
  // when its module is initialised anew.
  await closeKmsProviders();
  ownHsmEnv ??= Object.fromEntries(DEMO_HSM_VARS.map((v) => [v, process.env[v]]));
  for (const v of DEMO_HSM_VARS) {
    const value = hsmEnv ? hsmEnv[v] : ownHsmEnv[v];
    if (value === undefined) delete process.env[v];
    else process.env[v] = value;
  }
  process.env.REGION = region;
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  resetKeyCustodyCache();
  forgetSealingKey();
  forgetRegionKeys();
}

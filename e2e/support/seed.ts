/**
 * Seeds one region of the e2e world in a child process of Playwright's global setup (one
 * child per region, in parallel):
 * `node --conditions=react-server --import tsx e2e/support/seed.ts` with TERRANE_E2E_SEED set.
 * It runs here rather than in the setup itself because the data layer imports "server-only"
 * and uses the `@/` aliases, which only the react-server condition and tsx resolve.
 *
 * Writes the credentials file (as `npm run demo` does) and a directory file with the user and
 * token ids the authorization specs need to name another user's resources.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { openRegionDatabase } from "@/platform/db/db";
import { seedWorld } from "@/scripts/lib/seed-world";
import { demoHsmStatus } from "@/scripts/lib/demo-hsm";
import type { RegionDirectory } from "./state";

interface SeedRequest {
  dataDir: string;
  region: { id: string; url: string };
  credentialsFile: string;
  directoryFile: string;
}

async function main(): Promise<void> {
  const raw = process.env.TERRANE_E2E_SEED;
  if (!raw) throw new Error("TERRANE_E2E_SEED is not set");
  const request = JSON.parse(raw) as SeedRequest;
  const { region } = request;
  await seedWorld({
    dataDir: request.dataDir,
    regions: [region],
    credentialsFile: request.credentialsFile,
    // The personas' auditor has accepted the NDA everywhere but northwind-za, where
    // e2e/evidence.spec.ts walks the whole path; Kestrel's auditor reads its keys in keys.spec.ts.
    acceptNdas: [
      { email: "audrey.auditor@ledgerline.example", tenant: "northwind-eu" },
      { email: "audrey.auditor@ledgerline.example", tenant: "northwind-gcc" },
      { email: "omar.auditor@crestaudit.example", tenant: "kestrel-eu" },
    ],
  });

  // me-central-1's sovereign tenant keeps its keys in a SoftHSM2 token (the instance is given it
  // by startInstance); say where they are, and plainly when SoftHSM2 was missing.
  const hsm = demoHsmStatus(request.dataDir, region.id);
  if (hsm) console.log(`e2e: ${hsm}`);

  const database = await openRegionDatabase({ dataDir: path.join(request.dataDir, region.id) });
  let directory: RegionDirectory;
  try {
    const users = await database.prisma.user.findMany({
      select: { id: true, email: true, apiTokens: { select: { id: true } } },
    });
    directory = {
      users: Object.fromEntries(users.map((u) => [u.email, u.id])),
      tokens: Object.fromEntries(users.map((u) => [u.email, u.apiTokens.map((t) => t.id)])),
    };
  } finally {
    await database.close();
  }
  writeFileSync(request.directoryFile, `${JSON.stringify(directory, null, 2)}\n`, { mode: 0o600 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

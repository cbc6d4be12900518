/** `npm run migrate`: applies prisma/migrations to DATABASE_URL, or to the embedded database of REGION. */
import path from "node:path";
import { openEmbeddedDatabase } from "@/platform/db/embedded";
import { migrate } from "@/platform/db/migrator";
import { env } from "@/platform/env";

async function main(): Promise<void> {
  const e = env();
  if (e.DATABASE_URL) {
    const result = await migrate({ connectionString: e.DATABASE_URL });
    console.log(`PostgreSQL: applied ${result.applied.length}, already applied ${result.alreadyApplied.length}`);
    return;
  }
  const embedded = await openEmbeddedDatabase(path.join(e.DATA_DIR, e.REGION));
  try {
    const result = await migrate(embedded.connection);
    console.log(
      `${e.REGION} (embedded): applied ${result.applied.length}, already applied ${result.alreadyApplied.length}`,
    );
  } finally {
    await embedded.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

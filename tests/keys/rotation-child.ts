/**
 * A region instance that only rotates one tenant key, for the crash test (rotation-crash.test.ts):
 * it opens the database, starts the rotation if none was started yet (as "rotate now" does) or
 * resumes it (as the background task does after a restart), in small batches, and says so on
 * stdout, one JSON line per event: "ready" with the rotation's stage and progress as found,
 * "progress" whenever a committed batch moved it on, "completed" at the end. The test kills it
 * with SIGKILL at random moments.
 *
 *   node --conditions=react-server --import tsx tests/keys/rotation-child.ts
 *   env: CHILD_DATABASE_URL or CHILD_DATA_DIR, CHILD_KEY_ID, CHILD_TENANT_ID, CHILD_BATCH,
 *        REGION, REGION_SEALING_KEY
 */
import { openRegionDatabase, useRegionDatabase } from "@/platform/db/db";
import { beginRotation } from "@/modules/keys/server/rotation";
import { advanceRotation } from "@/modules/keys/server/rotation-work";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";

function report(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

/** Reports each committed step of the rotation (what another instance would see). */
function watchProgress(db: PrismaClient, keyId: string, initial: string): void {
  let last = initial;
  const look = async () => {
    const r = await db.keyRotation.findFirst({
      where: { keyId },
      orderBy: { startedAt: "desc" },
      select: { stage: true, doneFields: true },
    });
    const now = `${r?.stage ?? null}:${r?.doneFields ?? 0}`;
    if (r && now !== last) report({ event: "progress", stage: r.stage, done: r.doneFields });
    last = now;
    setTimeout(() => void look().catch(() => {}), 20).unref();
  };
  void look().catch(() => {});
}

async function main(): Promise<void> {
  const keyId = process.env.CHILD_KEY_ID!;
  const tenantId = process.env.CHILD_TENANT_ID!;
  const batch = Number(process.env.CHILD_BATCH ?? "20");
  const database = await openRegionDatabase(
    process.env.CHILD_DATABASE_URL
      ? { databaseUrl: process.env.CHILD_DATABASE_URL, poolSize: 2 }
      : { dataDir: process.env.CHILD_DATA_DIR },
  );
  useRegionDatabase(database);
  const db = database.prisma;
  let rotation = await db.keyRotation.findFirst({
    where: { keyId },
    orderBy: { startedAt: "desc" },
    select: { id: true, stage: true, doneFields: true },
  });
  report({ event: "ready", stage: rotation?.stage ?? null, done: rotation?.doneFields ?? 0 });
  watchProgress(db, keyId, `${rotation?.stage ?? null}:${rotation?.doneFields ?? 0}`);
  // beginRotation also advances it in the background (batches of 100); the loop below works
  // alongside, in small batches: the two take turns batch by batch, as two instances would.
  const id =
    rotation?.id ?? (await beginRotation(db, keyId, tenantId, { type: "system", name: "crash-test" }, "manual"));
  for (;;) {
    const step = await advanceRotation(db, id, { batch });
    if (step === "completed") break;
    if (step === "paused") throw new Error("the rotation paused: the key is not enabled");
    await new Promise((r) => setTimeout(r, 5));
  }
  rotation = await db.keyRotation.findUniqueOrThrow({
    where: { id },
    select: { id: true, stage: true, doneFields: true },
  });
  report({ event: "completed", stage: rotation.stage, done: rotation.doneFields });
  await database.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    report({ event: "error", message: err instanceof Error ? err.message : String(err) });
    process.exit(1);
  },
);

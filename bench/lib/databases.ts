import { cleanUp, isInterrupted, onCleanUpLast } from "./cleanups";
import type { DatabaseKind } from "./options";
import { createFreshDatabase, probe, redact } from "./postgres";

export interface DatabaseChoice {
  databases: DatabaseKind[];
  postgresUrl: string;
  /** The URL came from BENCH_DATABASE_URL or a flag: a server that does not answer fails the bench. */
  postgresExplicit: boolean;
}

export interface FreshPostgres {
  name: string;
  version: string;
}

/**
 * Runs `measure` once per database kind the bench was asked for: the embedded database (no URL),
 * and PostgreSQL in a fresh database dropped after everything else is torn down. A PostgreSQL
 * that does not answer is skipped (and fails the run when it was asked for explicitly). Stops at
 * Ctrl+C; on an error, tears down and rethrows.
 */
export async function forEachDatabase(
  choice: DatabaseChoice,
  measure: (kind: DatabaseKind, databaseUrl: string | undefined, fresh?: FreshPostgres) => Promise<void>,
): Promise<{ skipped: { database: string; reason: string }[]; failed: boolean }> {
  const skipped: { database: string; reason: string }[] = [];
  let failed = false;
  for (const kind of choice.databases) {
    if (isInterrupted()) break;
    let databaseUrl: string | undefined;
    let fresh: FreshPostgres | undefined;
    if (kind === "postgres") {
      const answer = await probe(choice.postgresUrl);
      if (!answer.ok) {
        const reason = `PostgreSQL at ${redact(choice.postgresUrl)} does not answer: ${answer.reason}`;
        console.log(
          `[postgres] skipped: ${reason}${choice.postgresExplicit ? "" : " (set BENCH_DATABASE_URL to use another server)"}`,
        );
        skipped.push({ database: kind, reason });
        if (choice.postgresExplicit) failed = true;
        continue;
      }
      const created = await createFreshDatabase(choice.postgresUrl, answer.version);
      onCleanUpLast(() => created.drop());
      databaseUrl = created.url;
      fresh = { name: created.name, version: answer.version };
      console.log(`[postgres] created database ${created.name} on ${redact(choice.postgresUrl)}`);
    }
    try {
      await measure(kind, databaseUrl, fresh);
    } catch (err) {
      if (isInterrupted()) break;
      await cleanUp();
      throw err;
    }
  }
  return { skipped, failed };
}

import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";

/** The database's clock at this statement: one clock for every instance of the region. */
export async function databaseNow(db: PrismaClient | Tx): Promise<Date> {
  const rows = await db.$queryRaw<{ now: Date }[]>`SELECT statement_timestamp() AS now`;
  return rows[0]!.now;
}

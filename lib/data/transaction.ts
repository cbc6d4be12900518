import "server-only";
import type { Prisma } from "@/lib/data/generated/prisma/client";

/** The client inside an interactive transaction: what every write helper takes. */
export type Tx = Prisma.TransactionClient;

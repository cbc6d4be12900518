import "server-only";
import type { Prisma } from "@/platform/db/generated/prisma/client";

/** The client inside an interactive transaction: what every write helper takes. */
export type Tx = Prisma.TransactionClient;

/** Prisma's types for the code above the database (the platform's scopes, the job queue), which may not import Prisma itself. */
export type { Prisma, PrismaClient } from "@/platform/db/generated/prisma/client";

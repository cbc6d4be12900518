import { afterAll, beforeAll, beforeEach } from "vitest";
import type { UserActor } from "@/platform/auth/actor";
import { authenticateApiToken } from "@/modules/identity/server/api-tokens";
import { useRegionDatabase, type DatabaseKind, type RegionDatabase } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { loadSessionActor } from "@/modules/identity/server/sign-in";
import { passwordsForEveryone, seedRegion, type SeededToken, type SeededUser } from "@/prisma/seed/seed-region";
import { seedKeys } from "@/prisma/seed/seed-keys";
import { seedDecisions } from "@/prisma/seed/seed-decisions";
import { seedSubprocessors } from "@/prisma/seed/seed-subprocessors";
import { findRegion } from "@/platform/region/registry";
import { acceptSeedNdas } from "@/prisma/seed/seed-evidence";
import { createRegionDatabase } from "./databases";
import { setRegionEnv } from "./env";

/** The demo people who work in eu-central-1 (where northwind-eu and kestrel-eu are homed). */
export const EU = {
  northwindAdmin: "ana.admin@northwind.example",
  northwindAdmin2: "ben.admin@northwind.example",
  northwindViewer: "victor.viewer@northwind.example",
  northwindAuditor: "audrey.auditor@ledgerline.example",
  kestrelAdmin: "kim.admin@kestrel-health.example",
  kestrelViewer: "vera.viewer@kestrel-health.example",
  kestrelAuditor: "omar.auditor@crestaudit.example",
  compliance: "compliance.frankfurt@terrane-provider.example",
  compliance2: "compliance2.frankfurt@terrane-provider.example",
  support: "support.frankfurt@terrane-provider.example",
  providerAdmin: "platform.frankfurt@terrane-provider.example",
} as const;

export interface SeededRegion {
  kind: DatabaseKind;
  region: string;
  database: RegionDatabase;
  prisma: PrismaClient;
  users: SeededUser[];
  tokens: SeededToken[];
  passwords: Map<string, string>;
  password(email: string): string;
  userId(email: string): Promise<string>;
  /** The actor of a browser session of `email`, loaded as the app loads it. */
  session(email: string): Promise<UserActor>;
  /** The seeded API token secret of `email`. */
  token(email: string): string;
  tokenActor(email: string): Promise<UserActor>;
  count(table: string): Promise<number>;
}

export interface MigratedRegion {
  kind: DatabaseKind;
  database: RegionDatabase;
  prisma: PrismaClient;
  count(table: string): Promise<number>;
}

/**
 * A fresh, migrated database of `kind` for the enclosing describe block, installed as the
 * instance's database, with nothing in it but the migrations' own rows: for suites that
 * build the few rows they need themselves.
 */
export function useMigratedRegion(kind: DatabaseKind, region = "eu-central-1"): MigratedRegion {
  const ctx = {} as MigratedRegion;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    setRegionEnv(region);
    const opened = await createRegionDatabase(kind);
    dispose = opened.dispose;
    const prisma = opened.database.prisma;
    useRegionDatabase(opened.database);
    Object.assign(ctx, {
      kind,
      database: opened.database,
      prisma,
      async count(table: string) {
        const rows = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*)::bigint AS n FROM "${table}"`);
        return Number(rows[0]?.n ?? 0);
      },
    } satisfies MigratedRegion);
  });
  beforeEach(() => {
    setRegionEnv(region);
    useRegionDatabase(ctx.database);
  });
  afterAll(async () => {
    useRegionDatabase(undefined);
    await dispose?.();
  });
  return ctx;
}

/**
 * A fresh database of `kind`, migrated and seeded with the demo world for `region` once for
 * the enclosing describe block, installed as the instance's database for every lib/data call.
 */
export function useSeededRegion(
  kind: DatabaseKind,
  region = "eu-central-1",
  options: { keys?: boolean; decisions?: boolean; ndaPending?: boolean; subprocessors?: boolean } = {},
): SeededRegion {
  const ctx = {} as SeededRegion;
  let dispose: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    setRegionEnv(region);
    const opened = await createRegionDatabase(kind);
    dispose = opened.dispose;
    const { database } = opened;
    const prisma = database.prisma;
    const passwords = passwordsForEveryone();
    const seeded = await seedRegion(prisma, region, passwords);
    // Tests read evidence as these auditors; tests/evidence covers an auditor before the NDA.
    if (!options.ndaPending)
      await acceptSeedNdas(prisma, [
        { email: EU.northwindAuditor, tenant: "northwind-eu" },
        { email: EU.kestrelAuditor, tenant: "kestrel-eu" },
      ]);
    useRegionDatabase(database);
    // Tenant keys, contacts, auditor identities, canaries and usage history, as the demo has.
    if (options.keys) await seedKeys(prisma);
    // The demo's sharing decisions: in force, superseded, explicit deny, in review, draft.
    if (options.decisions) await seedDecisions(prisma);
    // The demo's subprocessor register: five in force, one announced through the workflow.
    if (options.subprocessors) await seedSubprocessors(prisma, region, findRegion(region)?.country ?? "DE");
    Object.assign(ctx, {
      kind,
      region,
      database,
      prisma,
      users: seeded.users,
      tokens: seeded.tokens,
      passwords,
      password(email: string) {
        const pw = passwords.get(email);
        if (!pw) throw new Error(`No password for ${email}`);
        return pw;
      },
      async userId(email: string) {
        return (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
      },
      async session(email: string) {
        const actor = await loadSessionActor(await ctx.userId(email));
        if (!actor) throw new Error(`${email} cannot hold a session`);
        return actor;
      },
      token(email: string) {
        const found = seeded.tokens.find((t) => t.email === email);
        if (!found) throw new Error(`No seeded token for ${email}`);
        return found.token;
      },
      async tokenActor(email: string) {
        const actor = await authenticateApiToken(ctx.token(email));
        if (!actor) throw new Error(`The seeded token of ${email} does not authenticate`);
        return actor;
      },
      async count(table: string) {
        const rows = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*)::bigint AS n FROM "${table}"`);
        return Number(rows[0]?.n ?? 0);
      },
    } satisfies SeededRegion);
  });

  beforeEach(() => {
    // Another describe block of the same file may have installed its own database and region.
    setRegionEnv(region);
    useRegionDatabase(ctx.database);
  });

  afterAll(async () => {
    useRegionDatabase(undefined);
    await dispose?.();
  });

  return ctx;
}

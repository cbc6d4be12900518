import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/platform/db/migrator";
import { DATABASE_KINDS, createScratchDatabase, type ScratchDatabase } from "../helpers/databases";
import {
  compareSchemas,
  partialIndexesIn,
  schemaFromDatabase,
  schemaFromPrisma,
  type Query,
  type SchemaShape,
} from "../helpers/schema-drift";

const SCHEMA_TEXT = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
// Partial indexes cannot be written in schema.prisma; the migrations add them on purpose
// (e.g. catalogue data-class keys, tenant_id IS NULL, are unique too). Only those pass.
const DECLARED_PARTIAL = readMigrations().flatMap((m) => partialIndexesIn(m.sql));
const OPTIONS = { extraIndexes: DECLARED_PARTIAL };

describe.each(DATABASE_KINDS)("schema.prisma and the migrated database (%s)", (kind) => {
  let db: ScratchDatabase;
  let expected: SchemaShape;
  const query: Query = (sql, values) => db.query(sql, values);

  beforeAll(async () => {
    db = await createScratchDatabase(kind);
    await migrate(db.connection);
    expected = await schemaFromPrisma(SCHEMA_TEXT);
  });
  afterAll(() => db.dispose());

  /** Applies `sql` inside a transaction, compares, and rolls back, so cases do not leak. */
  async function driftAfter(sql: string): Promise<string[]> {
    await db.query("BEGIN");
    try {
      await db.query(sql);
      return compareSchemas(expected, await schemaFromDatabase(query), OPTIONS);
    } finally {
      await db.query("ROLLBACK");
    }
  }

  it("agree: every table, column, type, nullability, default, enum, key, index and foreign key", async () => {
    const actual = await schemaFromDatabase(query);
    expect(compareSchemas(expected, actual, OPTIONS)).toEqual([]);
    // The comparison is not vacuous: both sides describe the whole core schema.
    expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
    expect(Object.keys(expected.tables)).toEqual(
      expect.arrayContaining([
        "directory_organisations",
        "directory_tenants",
        "tenants",
        "users",
        "memberships",
        "api_tokens",
        "sign_in_throttles",
        "data_classes",
        "stores",
        "store_data_classes",
        "cross_region_attempts",
        "audit_entries",
      ]),
    );
    expect(expected.tables.tenants!.columns.tier).toEqual({ type: "enum tier", nullable: false, default: null });
    expect(expected.tables.users!.columns.disabled_at).toEqual({
      type: "timestamp(3) without time zone",
      nullable: true,
      default: null,
    });
    expect(expected.tables.audit_entries!.columns.seq).toEqual({
      type: "bigint",
      nullable: false,
      default: "autoincrement",
    });
    expect(expected.tables.audit_entries!.columns.details).toEqual({
      type: "jsonb",
      nullable: false,
      default: "'{}'::jsonb",
    });
    expect(expected.enums.tier).toEqual(["managed", "customer-cloud", "sovereign"]);
  });

  it("the partial indexes the migrations declare outside schema.prisma exist, and are partial", async () => {
    expect(DECLARED_PARTIAL).toContain("data_classes_catalogue_key_key");
    const actual = await schemaFromDatabase(query);
    const all = Object.values(actual.tables).flatMap((t) => t.indexes);
    for (const name of DECLARED_PARTIAL)
      expect(
        all.find((i) => i.name === name),
        name,
      ).toMatchObject({ partial: true });
    expect(actual.tables.data_classes!.indexes.find((i) => i.name === "data_classes_catalogue_key_key")).toMatchObject({
      kind: "unique",
      columns: ["key"],
      partial: true,
    });
  });

  it("finds partial indexes in migration SQL, and only those", () => {
    const sql = `CREATE UNIQUE INDEX "a_key" ON "t"("k") WHERE "x" IS NULL;\nCREATE INDEX "b_idx" ON "t"("k");\n-- CREATE INDEX "c_idx" ON "t"("k") WHERE true;\nCREATE INDEX IF NOT EXISTS "d_idx"\n  ON "t" ("seq") WHERE "done" = false;`;
    expect(partialIndexesIn(sql)).toEqual(["a_key", "d_idx"]);
  });

  const cases: [string, string, RegExp][] = [
    [
      "an added column",
      `ALTER TABLE "tenants" ADD COLUMN "nickname" TEXT`,
      /column tenants\.nickname: in the database, not in schema\.prisma/,
    ],
    [
      "a dropped column",
      `ALTER TABLE "users" DROP COLUMN "employer"`,
      /column users\.employer: in schema\.prisma, missing from the database/,
    ],
    [
      "an enum value added",
      `ALTER TYPE "tier" ADD VALUE 'hybrid'`,
      /enum tier: values \[managed, customer-cloud, sovereign\] in schema\.prisma, \[managed, customer-cloud, sovereign, hybrid\]/,
    ],
    [
      "an enum value renamed (@map ignored)",
      `ALTER TYPE "tier" RENAME VALUE 'customer-cloud' TO 'customer_cloud'`,
      /enum tier: values/,
    ],
    [
      "an extra enum type",
      `CREATE TYPE "colour" AS ENUM ('red')`,
      /enum colour: in the database, not in schema\.prisma/,
    ],
    [
      "a changed column type",
      `ALTER TABLE "users" ALTER COLUMN "name" TYPE VARCHAR(100)`,
      /column users\.name: type text in schema\.prisma, character varying\(100\) in the database/,
    ],
    [
      "a timestamp of another precision",
      `ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" TYPE TIMESTAMP(6)`,
      /column api_tokens\.expires_at: type timestamp\(3\) without time zone in schema\.prisma, timestamp\(6\)/,
    ],
    [
      "a column on another enum",
      `ALTER TABLE "memberships" ALTER COLUMN "role" TYPE TEXT`,
      /column memberships\.role: type enum tenant_role in schema\.prisma, text in the database/,
    ],
    [
      "a dropped NOT NULL",
      `ALTER TABLE "stores" ALTER COLUMN "engine" DROP NOT NULL`,
      /column stores\.engine: NOT NULL in schema\.prisma, nullable in the database/,
    ],
    [
      "an added NOT NULL",
      `ALTER TABLE "users" ALTER COLUMN "password_hash" SET NOT NULL`,
      /column users\.password_hash: nullable in schema\.prisma, NOT NULL/,
    ],
    [
      "a dropped default",
      `ALTER TABLE "tenants" ALTER COLUMN "created_at" DROP DEFAULT`,
      /column tenants\.created_at: default CURRENT_TIMESTAMP in schema\.prisma, none in the database/,
    ],
    [
      "an added default",
      `ALTER TABLE "stores" ALTER COLUMN "engine" SET DEFAULT 'x'`,
      /column stores\.engine: default none in schema\.prisma, 'x'::text in the database/,
    ],
    [
      "a dropped unique index",
      `DROP INDEX "users_email_key"`,
      /users: unique users_email_key \(email\) using btree in schema\.prisma, missing/,
    ],
    [
      "a dropped plain index",
      `DROP INDEX "memberships_tenant_id_idx"`,
      /memberships: index memberships_tenant_id_idx \(tenant_id\) using btree in schema\.prisma, missing/,
    ],
    [
      "an extra index",
      `CREATE INDEX "stores_region_idx" ON "stores"("region")`,
      /stores: index stores_region_idx \(region\) using btree in the database, not in schema\.prisma/,
    ],
    [
      "a partial index not declared by a migration",
      `CREATE INDEX "stores_engine_idx" ON "stores"("engine") WHERE "region" = 'x'`,
      /stores: index stores_engine_idx \(engine\) using btree partial in the database, not in schema\.prisma/,
    ],
    [
      "a declared partial index made whole",
      `DROP INDEX "data_classes_catalogue_key_key"; CREATE UNIQUE INDEX "data_classes_catalogue_key_key" ON "data_classes"("key")`,
      /data_classes: unique data_classes_catalogue_key_key \(key\) using btree in the database, not in schema\.prisma/,
    ],
    [
      "a unique index that became plain",
      `DROP INDEX "api_tokens_token_hash_key"; CREATE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash")`,
      /api_tokens: unique api_tokens_token_hash_key/,
    ],
    [
      "a primary key on other columns",
      `ALTER TABLE "store_data_classes" DROP CONSTRAINT "store_data_classes_pkey"; ALTER TABLE "store_data_classes" ADD CONSTRAINT "store_data_classes_pkey" PRIMARY KEY ("store_id")`,
      /store_data_classes: primary store_data_classes_pkey \(store_id, data_class_id\)/,
    ],
    [
      "a dropped foreign key",
      `ALTER TABLE "memberships" DROP CONSTRAINT "memberships_user_id_fkey"`,
      /memberships: foreign key \(user_id\) → users\(id\) on delete Cascade on update Cascade in schema\.prisma, missing/,
    ],
    [
      "a foreign key with another delete rule",
      `ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_tenant_id_fkey"; ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE SET NULL ON UPDATE CASCADE`,
      /api_tokens: foreign key \(tenant_id\) → tenants\(id\) on delete SetNull on update Cascade in the database/,
    ],
    [
      "an extra table",
      `CREATE TABLE "scratch" ("id" TEXT PRIMARY KEY)`,
      /table scratch: in the database, not in schema\.prisma/,
    ],
    [
      "a dropped table",
      `DROP TABLE "cross_region_attempts"`,
      /table cross_region_attempts: in schema\.prisma, missing from the database/,
    ],
  ];
  for (const [what, sql, message] of cases) {
    it(`reports drift: ${what}`, async () => {
      const problems = await driftAfter(sql);
      expect(problems.join("\n")).toMatch(message);
    });
  }

  const schemaEdits: [string, (s: string) => string, RegExp][] = [
    [
      "a field added to schema.prisma only",
      (s) => s.replace("  employer      String?", "  nickname      String?\n  employer      String?"),
      /column users\.nickname: in schema\.prisma, missing from the database/,
    ],
    [
      "an optional field made required",
      (s) => s.replace("  employer      String?", "  employer      String "),
      /column users\.employer: NOT NULL in schema\.prisma, nullable in the database/,
    ],
    [
      "a renamed @@map",
      (s) => s.replace('@@map("tenants")', '@@map("customer_tenants")'),
      /table customer_tenants: in schema\.prisma, missing[\s\S]*table tenants: in the database, not in schema\.prisma/,
    ],
    [
      "a renamed @map",
      (s) => s.replace('@map("office_country")', '@map("country")'),
      /column users\.country: in schema\.prisma, missing/,
    ],
    [
      "an enum value @map removed",
      (s) => s.replace('customer_cloud @map("customer-cloud")', "customer_cloud"),
      /enum tier: values \[managed, customer_cloud, sovereign\] in schema\.prisma/,
    ],
    [
      "a new @@index",
      (s) => s.replace('  @@map("stores")', '  @@index([region])\n  @@map("stores")'),
      /stores: index stores_region_idx \(region\) using btree in schema\.prisma, missing/,
    ],
    [
      "a changed type",
      (s) => s.replace("  failures    Int       @default(0)", "  failures    BigInt    @default(0)"),
      /column sign_in_throttles\.failures: type bigint in schema\.prisma, integer/,
    ],
    [
      "a changed onDelete",
      (s) =>
        s.replace(
          "tenant     Tenant?   @relation(fields: [tenantId], references: [id], onDelete: Cascade)",
          "tenant     Tenant?   @relation(fields: [tenantId], references: [id], onDelete: SetNull)",
        ),
      /api_tokens: foreign key \(tenant_id\) → tenants\(id\) on delete SetNull on update Cascade in schema\.prisma, missing/,
    ],
  ];
  for (const [what, edit, message] of schemaEdits) {
    it(`reports drift: ${what}`, async () => {
      const edited = edit(SCHEMA_TEXT);
      expect(edited).not.toBe(SCHEMA_TEXT);
      const problems = compareSchemas(await schemaFromPrisma(edited), await schemaFromDatabase(query), OPTIONS);
      expect(problems.join("\n")).toMatch(message);
    });
  }
});

import { defineConfig } from "prisma/config";

// Migrations are applied by scripts/migrate.ts (the schema engine is not available offline);
// `prisma generate` needs no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});

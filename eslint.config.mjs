// The code's boundaries as lint rules (docs/architecture.md, "Boundaries"): where Prisma may be
// imported, what UI code may import from the data layer, what the pure audit core may touch.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const PRISMA = [
  { group: ["@/lib/data/generated/*", "**/generated/prisma/*", "@prisma/client", "@prisma/client/*", "@prisma/adapter-pg"], message: "Prisma belongs to the data layer (lib/data) only." },
];
const DATA_LAYER = { group: ["@/lib/data/*"], message: "UI code reads through routes, pages and server actions, never the data layer (types are fine: import type)." };
const IO = { group: ["node:fs", "node:fs/*", "node:net", "node:http", "node:https", "node:child_process", "pg", "@/lib/data/*", "@/lib/http/*"], message: "The audit core is pure: the CLI and tests import it without I/O." };

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", ".data/**", "lib/data/generated/**", "playwright-report/**", "test-results/**", "next-env.d.ts", "bench/results/**"] },
  {
    files: ["**/*.{ts,tsx,mjs}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Input checks refuse control characters on purpose.
      "no-control-regex": "off",
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: PRISMA }],
    },
  },
  {
    // The data layer, and what sets databases up or inspects them directly (seed, tests, benches, scripts).
    files: ["lib/data/**", "prisma/**", "tests/**", "bench/**", "scripts/**", "e2e/**"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    // Tests feed the parsers numbers beyond double precision on purpose.
    files: ["tests/**"],
    rules: { "no-loss-of-precision": "off" },
  },
  {
    files: ["components/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...PRISMA, { ...DATA_LAYER, allowTypeImports: true }] }] },
  },
  {
    files: ["lib/audit/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...PRISMA, IO] }] },
  },
  {
    files: ["cli/**", "bin/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...PRISMA, { group: ["@/lib/data/*", "@/lib/http/*"], message: "The CLI verifies with the pure audit core, never the server's code." }] }] },
  },
);

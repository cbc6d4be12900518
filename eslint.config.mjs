// The code's boundaries as lint rules (docs/architecture.md, "Boundaries"): where Prisma may be
// imported, what UI and domain code may import, what the platform may know of the modules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

const PRISMA = {
  group: [
    "@/platform/db/generated/*",
    "**/generated/prisma/*",
    "@prisma/client",
    "@prisma/client/*",
    "@prisma/adapter-pg",
  ],
  message: "Prisma belongs to platform/db and the modules' server code only.",
};
/** Code that runs only on the server and touches the database, the KMS or the job queue. */
const SERVER = {
  group: [
    "@/modules/*/server/*",
    "@/modules/start-region",
    "@/platform/db/*",
    "@/platform/jobs/*",
    "@/platform/access/*",
    "@/platform/kms/*",
    "@/platform/crypto/*",
  ],
  message:
    "UI code reads through routes, pages and its module's client, never server code (types are fine: import type).",
};
const IO = {
  group: [
    "node:fs",
    "node:fs/*",
    "node:net",
    "node:http",
    "node:https",
    "node:child_process",
    "pg",
    "@/platform/http/*",
    "@/platform/access/*",
    "@/modules/*/server/*",
    "@/modules/*/ui/*",
    "@/platform/db/*",
    "@/platform/jobs/*",
  ],
  message: "Domain code is pure: no I/O, database, HTTP or UI, so the CLI and tests import it as it is.",
};
/**
 * The platform knows no module, but for three seams: the scopes write the audit log (and record
 * refusals), and the HTTP wrappers resolve the caller through identity.
 */
const MODULES = {
  regex: "^@/modules/(?!audit/server/(append|denied-access)$|identity/server/current-actor$)",
  message:
    "The platform is below the modules: it may not import them (but for the audit writer and the caller's identity).",
};
const restrict = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "platform/db/generated/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
      "bench/results/**",
    ],
  },
  {
    files: ["**/*.{ts,tsx,mjs}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // Input checks refuse control characters on purpose.
      "no-control-regex": "off",
      "no-restricted-imports": "off",
      ...restrict(PRISMA),
    },
  },
  {
    // The database's own code, and what sets databases up or inspects them directly (seed, tests, benches, scripts).
    files: ["platform/db/**", "modules/*/server/**", "prisma/**", "tests/**", "bench/**", "scripts/**", "e2e/**"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    files: ["platform/**"],
    ignores: ["platform/db/**"],
    rules: restrict(PRISMA, MODULES),
  },
  {
    files: ["platform/db/**"],
    rules: restrict(MODULES),
  },
  {
    // Tests feed the parsers numbers beyond double precision on purpose.
    files: ["tests/**"],
    rules: { "no-loss-of-precision": "off" },
  },
  {
    files: ["components/**", "modules/*/ui/**", "modules/*/client.ts"],
    rules: restrict(PRISMA, { ...SERVER, allowTypeImports: true }),
  },
  {
    files: ["modules/*/domain/**"],
    rules: restrict(PRISMA, { ...IO, allowTypeImports: true }),
  },
  {
    files: ["cli/**", "bin/**"],
    rules: restrict(PRISMA, {
      group: ["@/modules/*/server/*", "@/modules/*/ui/*", "@/platform/db/*", "@/platform/http/*", "@/platform/jobs/*"],
      message: "The CLI verifies with the pure audit core, never the server's code.",
    }),
  },
  prettier,
);

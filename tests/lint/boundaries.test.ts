/**
 * The boundaries in eslint.config.mjs hold: each forbidden import is reported where it is
 * forbidden and allowed where it belongs (ESLint's own API on the project's config).
 */
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, "../..", file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  it("Prisma only in the data layer", async () => {
    const code = 'import { PrismaClient } from "@/lib/data/generated/prisma/client";\nexport const c = PrismaClient;\n';
    expect(await restrictedImports("app/api/v1/x/route.ts", code)).toEqual([expect.stringContaining("data layer")]);
    expect(await restrictedImports("lib/policy/x.ts", code)).toHaveLength(1);
    expect((await restrictedImports("components/x.tsx", code)).length).toBeGreaterThan(0);
    expect(await restrictedImports("lib/data/x.ts", code)).toEqual([]);
  });

  it("UI code imports types from the data layer, never its functions", async () => {
    expect(await restrictedImports("components/keys/x.tsx", 'import { prisma } from "@/lib/data/db";\nexport const p = prisma;\n')).toHaveLength(1);
    expect(await restrictedImports("components/keys/x.tsx", 'import type { KeyView } from "@/lib/data/tenant-keys";\nexport type K = KeyView;\n')).toEqual([]);
  });

  it("the audit core stays pure, and the CLI never reaches the server's code", async () => {
    expect(await restrictedImports("lib/audit/x.ts", 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n')).toHaveLength(1);
    expect(await restrictedImports("lib/audit/x.ts", 'import { prisma } from "@/lib/data/db";\nexport const p = prisma;\n')).toHaveLength(1);
    expect(await restrictedImports("lib/audit/x.ts", 'import { createHash } from "node:crypto";\nexport const h = createHash;\n')).toEqual([]);
    expect(await restrictedImports("cli/x.ts", 'import { appendAudit } from "@/lib/data/audit";\nexport const a = appendAudit;\n')).toHaveLength(1);
  });
});

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
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((m) => m.message);
}

// The first lint builds the whole config and parser: slow on a busy machine, and not what is measured.
describe("import boundaries", { timeout: 240_000 }, () => {
  it("Prisma only in platform/db and the modules' server code", async () => {
    const code =
      'import { PrismaClient } from "@/platform/db/generated/prisma/client";\nexport const c = PrismaClient;\n';
    expect(await restrictedImports("app/api/v1/x/route.ts", code)).toEqual([expect.stringContaining("platform/db")]);
    expect(await restrictedImports("platform/policy/x.ts", code)).toHaveLength(1);
    expect((await restrictedImports("modules/keys/domain/x.ts", code)).length).toBeGreaterThan(0);
    expect((await restrictedImports("components/x.tsx", code)).length).toBeGreaterThan(0);
    expect(await restrictedImports("modules/keys/server/x.ts", code)).toEqual([]);
    expect(await restrictedImports("platform/db/x.ts", code)).toEqual([]);
  });

  it("the platform knows no module but the audit writer and the caller's identity", async () => {
    const keys = 'import { rotateKey } from "@/modules/keys/server/rotation";\nexport const r = rotateKey;\n';
    expect(await restrictedImports("platform/http/x.ts", keys)).toEqual([expect.stringContaining("below the modules")]);
    expect(await restrictedImports("platform/db/x.ts", keys)).toHaveLength(1);
    expect(
      await restrictedImports(
        "platform/access/x.ts",
        'import { appendAudit } from "@/modules/audit/server/append";\nexport const a = appendAudit;\n',
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        "platform/http/x.ts",
        'import { requestActor } from "@/modules/identity/server/current-actor";\nexport const a = requestActor;\n',
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        "platform/http/x.ts",
        'import { x } from "@/modules/identity/server/current-actor-extra";\nexport const a = x;\n',
      ),
    ).toHaveLength(1);
  });

  it("UI code imports types from the data layer, never its functions", async () => {
    expect(
      await restrictedImports(
        "modules/keys/ui/x.tsx",
        'import { prisma } from "@/platform/db/db";\nexport const p = prisma;\n',
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        "components/shell/x.tsx",
        'import { rotateKey } from "@/modules/keys/server/rotation";\nexport const r = rotateKey;\n',
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        "modules/keys/client.ts",
        'import { appendAudit } from "@/modules/audit/server/append";\nexport const a = appendAudit;\n',
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        "modules/keys/ui/x.tsx",
        'import type { KeyView } from "@/modules/keys/server/tenant-keys";\nexport type K = KeyView;\n',
      ),
    ).toEqual([]);
  });

  it("domain code stays pure, and the CLI never reaches the server's code", async () => {
    expect(
      await restrictedImports(
        "modules/sharing/domain/x.ts",
        'import { withTenant } from "@/platform/access/with-tenant";\nexport const w = withTenant;\n',
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        "modules/lineage/domain/x.ts",
        'import { safeText } from "@/platform/schema/safe-text";\nexport const s = safeText;\n',
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        "modules/audit/domain/x.ts",
        'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        "modules/audit/domain/x.ts",
        'import { prisma } from "@/platform/db/db";\nexport const p = prisma;\n',
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        "modules/audit/domain/x.ts",
        'import { createHash } from "node:crypto";\nexport const h = createHash;\n',
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        "cli/x.ts",
        'import { appendAudit } from "@/modules/audit/server/append";\nexport const a = appendAudit;\n',
      ),
    ).toHaveLength(1);
  });
});

/**
 * The CLI runs from a clone with nothing but `npm install`: it may import node: builtins,
 * modules/audit/domain (the pure crypto core), DSSE's encoding (modules/attestations/domain/pae.ts) and its own modules — never the server code, platform/env, next or any
 * server-only module. Checked over the whole import graph from bin/terrane.mjs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SPEC =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm;

function resolveTs(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

describe("CLI import boundaries", () => {
  it("reaches only node: builtins, tsx, modules/audit/domain and cli/", () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const queue = [path.join(ROOT, "bin", "terrane.mjs"), path.join(ROOT, "cli", "main.ts")];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = fs.readFileSync(file, "utf8");
      for (const m of source.matchAll(SPEC)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (spec.startsWith(".")) {
          if (spec.endsWith(".ts") || !spec.includes(".") || spec.startsWith("./") || spec.startsWith("../"))
            queue.push(resolveTs(file, spec));
        } else {
          external.add(spec);
        }
      }
    }
    const files = [...seen].map((f) => path.relative(ROOT, f));
    expect(
      files.filter(
        (f) =>
          !/^(bin\/terrane\.mjs|cli\/.*\.ts|modules\/audit\/domain\/[a-z0-9-]+\.ts|modules\/attestations\/domain\/pae\.ts)$/.test(
            f,
          ),
      ),
    ).toEqual([]);
    expect([...external].filter((s) => !s.startsWith("node:") && s !== "tsx/esm/api")).toEqual([]);
    expect(files).toContain("cli/audit/verify.ts");
    expect(files).toContain("modules/audit/domain/tlog-proof.ts");
  });
});

#!/usr/bin/env node
// The `terrane` CLI (npx terrane …). The CLI is TypeScript (cli/main.ts) run through tsx, a
// runtime dependency, so it works from a clone after `npm install` with no build step.
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const tsconfig = fileURLToPath(new URL("../tsconfig.json", import.meta.url));
const { main } = await tsImport("../cli/main.ts", { parentURL: import.meta.url, tsconfig });
process.exitCode = await main(process.argv.slice(2));

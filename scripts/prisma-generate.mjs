// Runs `prisma generate` offline: the CLI would otherwise try to fetch a schema engine it never uses.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../node_modules/.bin/prisma", import.meta.url));
if (!existsSync(bin)) process.exit(0);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const run = spawnSync(bin, ["generate"], { stdio: "inherit", env });
process.exit(run.status ?? 1);

/**
 * `npm start`: one regional instance of the built app. REGION, PORT and DATABASE_URL (or
 * DATA_DIR for the embedded database) come from the environment.
 */
import { spawn } from "node:child_process";
import { NEXT_SERVER_NODE_ARGS } from "./lib/instance";

const port = process.env.PORT ?? "3000";
const child = spawn(
  process.execPath,
  [...NEXT_SERVER_NODE_ARGS, "node_modules/next/dist/bin/next", "start", "-p", port],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));

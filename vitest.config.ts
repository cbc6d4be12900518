import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(__dirname) },
    // Server modules import "server-only"; tests run them as the server does.
    conditions: ["react-server", "node", "import", "default"],
  },
  // Vitest runs server code in Vite's SSR environment, which takes its conditions from here.
  ssr: { resolve: { conditions: ["react-server", "module", "node", "development|production"] } },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    // Each file opens its own embedded database; scrypt and PGlite are CPU-heavy on 2 cores.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    server: { deps: { external: [/@electric-sql/, /@cedar-policy/] } },
  },
});

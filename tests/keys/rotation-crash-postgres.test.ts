import { describe, it } from "vitest";
import { rotationCrashSuite } from "../helpers/keys-crash";

if (process.env.TEST_DATABASE_URL) rotationCrashSuite("postgres");
else
  describe.skip("rotation survives SIGKILL on postgres (TEST_DATABASE_URL is not set)", () =>
    it.skip("needs PostgreSQL", () => {}));

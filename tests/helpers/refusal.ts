import { TerraneError } from "@/platform/errors";

/** The status and code a refused data-layer call becomes at the API; throws if it was not refused. */
export async function refusal(run: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await run;
  } catch (err) {
    if (err instanceof TerraneError) return { status: err.status, code: err.code };
    throw err;
  }
  throw new Error("expected a refusal");
}

import type { z } from "zod";

/** One readable sentence for the first few problems zod found. */
export function zodDetail(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

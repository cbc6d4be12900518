import { z } from "zod";
import { TIER_NAMES } from "@/platform/region/tier";

/** A tier name at an API boundary (kept apart from tier.ts so the browser's palette needs no zod). */
export const tierSchema = z.enum(TIER_NAMES);

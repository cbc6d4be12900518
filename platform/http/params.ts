import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";

// Malformed slugs are answered like unknown tenants: 404, never a hint.
export const tenantParams = z.object({ tenant: safeText() });
export const userParams = z.object({ user: safeText().max(200) });
export const tokenParams = z.object({ user: safeText().max(200), token: safeText().max(200) });
export const keyParams = z.object({ tenant: safeText(), key: safeText().max(64) });
export const ingestTokenParams = z.object({ id: safeText().max(64) });

import { z } from "zod";

// Malformed slugs are answered like unknown tenants: 404, never a hint.
export const tenantParams = z.object({ tenant: z.string() });
export const userParams = z.object({ user: z.string().max(200) });
export const tokenParams = z.object({ user: z.string().max(200), token: z.string().max(200) });
export const keyParams = z.object({ tenant: z.string(), key: z.string().max(64) });
export const ingestTokenParams = z.object({ id: z.string().max(64) });

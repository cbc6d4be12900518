import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";

export const MAX_TOKEN_DAYS = 365;

/** What a user sends to create a personal API token. */
export const createTokenSchema = z
  .object({
    name: safeText().trim().min(1, "Give the token a name.").max(80, "Keep the name under 80 characters."),
    /** The tenant the token acts on; null for a provider token (provider staff only). */
    tenant: safeText()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "tenant must be a tenant slug")
      .nullable(),
    expires_in_days: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(90),
  })
  .strict();

export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const userRefSchema = z.union([z.literal("me"), z.uuid()]);
export const tokenIdSchema = z.uuid();

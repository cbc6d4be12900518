/**
 * The register's staff API: provider admins propose changes (a new subprocessor, a change to one,
 * its retirement), compliance officers approve or reject them, and the region's notice settings.
 * Pure, so route handlers and the OpenAPI generator share them.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import {
  CHANGE_KINDS,
  CHANGE_STATES,
  NOTICE_DAYS,
  OBJECTION_DAYS,
  SUBPROCESSOR_STATUSES,
  TRANSFER_MECHANISMS,
  KEY_CUSTODY,
  paragraph,
  subprocessorFieldsSchema,
  subprocessorId,
} from "@/modules/subprocessors/domain/model";

const requestedInstant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2199, "must be between the years 2000 and 2199");

const proposalExtras = {
  /** The date asked for; never inside the notice period unless `urgent_reason` is given. */
  effective_at: requestedInstant.optional(),
  /** Why the notice period must be shortened (an urgent replacement); a compliance officer approves it. */
  urgent_reason: paragraph(2000).optional(),
};

/**
 * `POST /api/v1/region/subprocessors`: a new subprocessor (no `id`), a change to one (its `id`
 * and every field as it should be), or its retirement (`id` and `status: "retired"` only).
 */
export const proposeBody = z.union([
  z.strictObject({ id: subprocessorId, status: z.literal("retired"), ...proposalExtras }),
  subprocessorFieldsSchema.extend({
    id: subprocessorId.optional(),
    status: z.literal("active").optional(),
    ...proposalExtras,
  }),
]);
export type ProposeBody = z.infer<typeof proposeBody>;

export const reviewBody = z.strictObject({ note: paragraph(2000).optional() });
export const rejectBody = z.strictObject({ note: paragraph(2000) });
export const changeParams = z.object({ id: safeText().max(64) });

export const settingsBody = z.strictObject({
  notice_days: z.number().int().min(NOTICE_DAYS.min).max(NOTICE_DAYS.max),
  objection_days: z.number().int().min(OBJECTION_DAYS.min).max(OBJECTION_DAYS.max),
});

export const changesQuery = z.object({ state: z.enum(CHANGE_STATES).optional() });

const person = z.object({ id: z.string(), name: z.string() });

export const entryView = subprocessorFieldsSchema.extend({
  id: z.string(),
  status: z.enum(SUBPROCESSOR_STATUSES),
  effective_at: instant,
  transfer_mechanism: z.enum(TRANSFER_MECHANISMS),
  key_custody: z.array(z.enum(KEY_CUSTODY)),
});

export const fieldDiffView = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  added: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
});

export const changeView = z.object({
  id: z.string(),
  subprocessor_id: z.string(),
  name: z.string(),
  kind: z.enum(CHANGE_KINDS),
  kind_label: z.string(),
  state: z.enum(CHANGE_STATES),
  state_label: z.string(),
  before: entryView.nullable(),
  after: entryView,
  diff: z.array(fieldDiffView),
  author: person,
  reviewer: person.nullable(),
  reviewed_at: instant.nullable(),
  review_note: z.string().nullable(),
  requested_effective_at: instant.nullable(),
  notice_days: z.number().int().nullable(),
  needs_notice: z.boolean(),
  effective_at: instant.nullable(),
  urgent_reason: z.string().nullable(),
  /** Announced with a shorter notice than the region's (urgent path). */
  shortened: z.boolean(),
  applied_at: instant.nullable(),
  created_at: instant,
  open_objections: z.number().int(),
  /** What the caller may do with this change now. */
  allowed_actions: z.array(z.enum(["approve", "reject", "withdraw"])),
  /** Set when the caller may not review it because they proposed it. */
  four_eyes: z.boolean(),
});
export type ChangeView = z.infer<typeof changeView>;

export const settingsView = z.object({
  region: z.string(),
  notice_days: z.number().int(),
  objection_days: z.number().int(),
  updated_at: instant,
});

export const registerView = z.object({
  region: z.string(),
  now: instant,
  settings: settingsView,
  subprocessors: z.array(entryView),
  changes: z.array(changeView),
  allowed_actions: z.array(z.enum(["propose", "review", "settings"])),
});

export const proposedView = z.object({ change_id: z.string(), state: z.literal("proposed"), change: changeView });
export const approvedView = changeView.extend({ state: z.literal("announced"), effective_at: instant });

const R = "/api/v1/region";

export const registerOperations = defineOperations("subprocessors", {
  [`GET ${R}/subprocessors`]: {
    summary:
      "The region's register for provider admins and compliance officers: entries, every change with its diff, settings.",
    auth: "required",
    query: changesQuery,
    responses: { 200: registerView },
  },
  [`POST ${R}/subprocessors`]: {
    summary: "A provider admin proposes a new subprocessor, a change to one (with its id) or its retirement.",
    auth: "required",
    body: proposeBody,
    responses: { 201: proposedView },
  },
  [`GET ${R}/subprocessor-changes/{id}`]: {
    summary: "One change with its diff, review and objections count.",
    auth: "required",
    params: changeParams,
    responses: { 200: changeView },
  },
  [`POST ${R}/subprocessor-changes/{id}/approve`]: {
    summary: "A compliance officer who did not propose it announces the change; its notice period starts.",
    auth: "required",
    params: changeParams,
    body: reviewBody,
    responses: { 200: approvedView },
  },
  [`POST ${R}/subprocessor-changes/{id}/reject`]: {
    summary: "A compliance officer who did not propose it rejects the change, with a note.",
    auth: "required",
    params: changeParams,
    body: rejectBody,
    responses: { 200: changeView },
  },
  [`POST ${R}/subprocessor-changes/{id}/withdraw`]: {
    summary: "A provider admin withdraws a proposed or announced change before it takes effect.",
    auth: "required",
    params: changeParams,
    body: reviewBody,
    responses: { 200: changeView },
  },
  [`GET ${R}/subprocessor-settings`]: {
    summary: "The region's notice period and objection deadline.",
    auth: "required",
    responses: { 200: settingsView },
  },
  [`PUT ${R}/subprocessor-settings`]: {
    summary: "A provider admin sets the notice period (0–180 days) and the objection deadline (1–180 days).",
    auth: "required",
    body: settingsBody,
    responses: { 200: settingsView },
  },
});

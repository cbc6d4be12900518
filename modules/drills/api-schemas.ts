/**
 * The residency drills' API: starting and reading a tenant's drills, the customer's consent,
 * schedules, the region's drills, and the residency probe other regions answer during a
 * wrong-region drill. Pure, so route handlers and the OpenAPI generator share them.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { defineOperations, instant } from "@/platform/http/openapi-spec";
import { tenantParams } from "@/platform/http/params";
import { DRILL_KINDS, DRILL_STATES } from "@/modules/drills/domain/model";
import { probeRecordSchema } from "@/modules/drills/domain/probe";

const person = z.object({ id: z.string(), name: z.string() });
const kind = z.enum(DRILL_KINDS);

export const drillParams = z.object({ tenant: safeText(), id: safeText().max(64) });
export const startDrillBody = z.strictObject({ kind });

export const drillStepView = z.object({
  step: z.string(),
  outcome: z.enum(["ok", "failed"]),
  at: instant,
  ms: z.number(),
  detail: z.string().optional(),
});

export const drillResultView = z.object({
  steps: z.array(drillStepView),
  passed: z.boolean().optional(),
  /** The measured figures of the kind (docs/drills.md): per-instance time to revoke, recovery, regions asked. */
  figures: z.record(z.string(), z.unknown()).optional(),
});

export const drillView = z.object({
  id: z.string(),
  tenant: z.object({ slug: z.string(), name: z.string() }),
  kind,
  state: z.enum(DRILL_STATES),
  started_at: instant,
  finished_at: instant.nullable(),
  started_by: person.nullable(),
  scheduled: z.boolean(),
  passed: z.boolean().nullable(),
  result: drillResultView,
  /**
   * The signed report once completed (null in lists): a DSSE envelope of an in-toto statement,
   * with DSSE's own member names (`payload`, `payloadType`, `signatures`).
   */
  report: z.record(z.string(), z.unknown()).nullable(),
  report_sha256: z.string().nullable(),
  failure: z.string().nullable(),
  /** For a drill that could not restore the previous state: exactly what a person must do. */
  left_to_do: z.array(z.string()),
});

export const drillList = z.object({
  tenant: z.object({ slug: z.string(), name: z.string() }),
  drills: z.array(drillView),
  allowed_actions: z.array(z.enum(["drills.start", "drills.consent.manage"])),
});

export const drillStarted = z.object({ id: z.string() });

export const consentView = z.object({
  id: z.string(),
  kinds: z.array(kind),
  granted_by: person,
  granted_at: instant,
  expires_at: instant,
});
export const consentState = z.object({
  consent: consentView.nullable(),
  allowed_actions: z.array(z.enum(["drills.consent.manage"])),
});
export const consentBody = z.strictObject({
  kinds: z.array(kind).min(1).max(DRILL_KINDS.length),
  expires_at: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
});

export const scheduleView = z.object({
  id: z.string(),
  kind,
  every_days: z.number().int(),
  next_run_at: instant,
  last_drill_id: z.string().nullable(),
  last_note: z.string().nullable(),
});
export const scheduleList = z.object({
  schedules: z.array(scheduleView),
  /** `drills.start`: the caller may set and remove schedules. */
  allowed_actions: z.array(z.enum(["drills.start"])),
  /** A schedule the caller sets runs only while the customer's consent covers its kind (a compliance officer's). */
  runs_need_consent: z.boolean(),
});
export const scheduleParams = z.object({ tenant: safeText(), kind });
export const scheduleRemoved = z.object({ removed: z.literal(true), kind });
export const scheduleBody = z.strictObject({
  kind,
  every_days: z.number().int().min(7).max(366),
  first_run_at: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .optional(),
});

export const regionDrillsView = z.object({
  drills: z.array(drillView),
  schedules: z.array(
    z.object({
      id: z.string(),
      tenant: z.object({ slug: z.string(), name: z.string() }),
      kind,
      every_days: z.number().int(),
      next_run_at: instant,
      last_note: z.string().nullable(),
    }),
  ),
});

/** `envelope`: a DSSE envelope (its own member names: `payload`, `payloadType`, `signatures`), checked by the handler. */
export const probeBody = z.strictObject({ envelope: z.record(z.string(), z.unknown()) });
export const probeParams = z.object({ probe: safeText().max(64) });

const T = "/api/v1/tenants/{tenant}";

export const drillsOperations = defineOperations("drills", {
  [`GET ${T}/drills`]: {
    summary: "The tenant's residency drills, newest first (reports in GET …/drills/{id}).",
    auth: "required",
    params: tenantParams,
    responses: { 200: drillList },
  },
  [`POST ${T}/drills`]: {
    summary:
      "Start a drill (key_revocation, kms_outage, wrong_region): a customer admin, or a compliance officer under the customer's consent. Runs in the background.",
    auth: "required",
    params: tenantParams,
    body: startDrillBody,
    responses: { 202: drillStarted },
  },
  [`GET ${T}/drills/{id}`]: {
    summary: "One drill: its state, steps and figures, and its signed report (DSSE) once completed.",
    auth: "required",
    params: drillParams,
    responses: { 200: drillView },
  },
  [`GET ${T}/drills/{id}/report`]: {
    summary:
      "The drill's signed report alone: a DSSE envelope of an in-toto statement (predicate https://terrane.dev/drill/v1).",
    auth: "required",
    params: drillParams,
    responses: { 200: { contentType: "application/json", description: "The DSSE envelope (RFC 8785 JSON)." } },
  },
  [`GET ${T}/drill-consent`]: {
    summary: "The customer's consent to drills by compliance officers, if one is in force.",
    auth: "required",
    params: tenantParams,
    responses: { 200: consentState },
  },
  [`POST ${T}/drill-consent`]: {
    summary: "A customer admin consents to drills of some kinds until a date (replacing the consent in force).",
    auth: "required",
    params: tenantParams,
    body: consentBody,
    responses: { 201: consentState },
  },
  [`POST ${T}/drill-consent/revoke`]: {
    summary: "A customer admin withdraws the consent in force.",
    auth: "required",
    params: tenantParams,
    responses: { 200: consentState },
  },
  [`GET ${T}/drill-schedules`]: {
    summary: "The tenant's recurring drills.",
    auth: "required",
    params: tenantParams,
    responses: { 200: scheduleList },
  },
  [`POST ${T}/drill-schedules`]: {
    summary: "Set a recurring drill of one kind (e.g. every 91 days); each run needs the consent in force when due.",
    auth: "required",
    params: tenantParams,
    body: scheduleBody,
    responses: { 201: scheduleView },
  },
  [`DELETE ${T}/drill-schedules/{kind}`]: {
    summary:
      "Stop the recurring drill of one kind (key_revocation, kms_outage, wrong_region); drills already run and their reports stay.",
    auth: "required",
    params: scheduleParams,
    responses: { 200: scheduleRemoved },
  },
  ["GET /api/v1/region/drills"]: {
    summary: "The region's recent drills across tenants, and its schedules (compliance officers).",
    auth: "required",
    responses: { 200: regionDrillsView },
  },
  ["POST /api/v1/residency-probes"]: {
    summary:
      "Another region's signed residency probe (a wrong-region drill): checked against that region's JWKS; a tenant homed elsewhere is refused as its requests are (421 wrong_region) and the refusal recorded (201 with the record).",
    auth: "none",
    body: probeBody,
    responses: { 201: probeRecordSchema },
  },
  ["GET /api/v1/residency-probes/{probe}"]: {
    summary: "How this region recorded a residency probe's refusal, read back by the drill's home region.",
    auth: "none",
    params: probeParams,
    responses: { 200: probeRecordSchema },
  },
});

import type { z } from "zod";
import { apiCall, apiSend } from "@/platform/http/client-fetch";
import type {
  approvedView,
  changeView,
  changesQuery,
  entryView,
  proposeBody,
  proposedView,
  registerView,
  rejectBody,
  reviewBody,
  settingsBody,
  settingsView,
} from "@/modules/subprocessors/api-schemas/register";

// ---- The staff register (provider admins propose, compliance officers review) ----

/** The register as provider admins and compliance officers read it, with what the caller may do. */
export type RegisterView = z.infer<typeof registerView>;
export type RegisterEntry = z.infer<typeof entryView>;
/** One change with its diff, review, and the steps the caller may take now (`allowed_actions`). */
export type RegisterChange = z.infer<typeof changeView>;
export type RegisterChangeStep = RegisterChange["allowed_actions"][number];
export type RegisterAction = RegisterView["allowed_actions"][number];
export type RegisterSettings = z.infer<typeof settingsView>;
export type ProposedChange = z.infer<typeof proposedView>;
export type ApprovedChange = z.infer<typeof approvedView>;

/** What is sent (z.input: before the schema's defaults and transforms; instants are ISO strings). */
export type ProposeInput = z.input<typeof proposeBody>;
export type ReviewInput = z.input<typeof reviewBody>;
export type RejectInput = z.input<typeof rejectBody>;
export type SettingsInput = z.input<typeof settingsBody>;
export type ChangesQuery = z.input<typeof changesQuery>;

const REGION = "/api/v1/region";
const changePath = (id: string) => `${REGION}/subprocessor-changes/${encodeURIComponent(id)}`;

/** The typed browser client of the region's staff register routes. */
export const registerApi = {
  read: (q: ChangesQuery = {}) =>
    apiCall<RegisterView>(`${REGION}/subprocessors${q.state ? `?state=${encodeURIComponent(q.state)}` : ""}`),
  propose: (body: ProposeInput) => apiSend<ProposedChange>(`${REGION}/subprocessors`, body),
  change: (id: string) => apiCall<RegisterChange>(changePath(id)),
  approve: (id: string, body: ReviewInput = {}) => apiSend<ApprovedChange>(`${changePath(id)}/approve`, body),
  reject: (id: string, body: RejectInput) => apiSend<RegisterChange>(`${changePath(id)}/reject`, body),
  withdraw: (id: string, body: ReviewInput = {}) => apiSend<RegisterChange>(`${changePath(id)}/withdraw`, body),
  settings: () => apiCall<RegisterSettings>(`${REGION}/subprocessor-settings`),
  putSettings: (body: SettingsInput) => apiSend<RegisterSettings>(`${REGION}/subprocessor-settings`, body, "PUT"),
};

// ---- end of the staff register ----

// ---- A tenant's impact view and objections; the region's objection queue ----

import type {
  objectionBody,
  objectionList,
  objectionView,
  regionObjectionsQuery,
  regionObjectionsView,
  resolveBody,
  tenantSubprocessorsView,
} from "@/modules/subprocessors/api-schemas/tenant";

/** The tenant's Subprocessors section: active entries and announced changes with its impact, its objections. */
export type TenantSubprocessors = z.infer<typeof tenantSubprocessorsView>;
export type ImpactEntry = TenantSubprocessors["subprocessors"][number];
export type UpcomingChange = TenantSubprocessors["changes"][number];
export type Impact = ImpactEntry["impact"];
export type ImpactClass = Impact["data_classes"][number];
export type Objection = z.infer<typeof objectionView>;
export type ObjectionList = z.infer<typeof objectionList>;
export type RegionObjections = z.infer<typeof regionObjectionsView>;
export type ObjectInput = z.input<typeof objectionBody>;
export type ResolveInput = z.input<typeof resolveBody>;
export type RegionObjectionsQuery = z.input<typeof regionObjectionsQuery>;

const tenantPath = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}`;

/** The typed browser client of a tenant's subprocessor routes and the region's objection queue. */
export const objectionsApi = {
  tenantView: (tenant: string) => apiCall<TenantSubprocessors>(`${tenantPath(tenant)}/subprocessors`),
  list: (tenant: string) => apiCall<ObjectionList>(`${tenantPath(tenant)}/subprocessor-objections`),
  object: (tenant: string, body: ObjectInput) =>
    apiSend<Objection>(`${tenantPath(tenant)}/subprocessor-objections`, body),
  queue: (q: RegionObjectionsQuery = {}) =>
    apiCall<RegionObjections>(
      `${REGION}/subprocessor-objections${q.state ? `?state=${encodeURIComponent(q.state)}` : ""}`,
    ),
  resolve: (id: string, body: ResolveInput) =>
    apiSend<Objection>(`${REGION}/subprocessor-objections/${encodeURIComponent(id)}/resolve`, body),
};

// ---- end of the tenant's impact view and objections ----

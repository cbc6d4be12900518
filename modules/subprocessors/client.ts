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

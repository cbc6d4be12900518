import type { z } from "zod";
import { apiCall, apiSend } from "@/platform/http/client-fetch";
import type {
  closeBody,
  recordBody,
  registerView,
  requestView,
  tenantRequestsView,
  updateBody,
} from "@/modules/lawful-access/api-schemas/register";
import type { ReportList, ReportView } from "@/modules/lawful-access/api-schemas/reports";

export type LawfulAccessRegister = z.infer<typeof registerView>;
export type LawfulAccessRequest = z.infer<typeof requestView>;
export type TenantLawfulAccess = z.infer<typeof tenantRequestsView>;
export type TransparencyReport = ReportView;
export type TransparencyReports = ReportList;

/** What is sent (z.input: instants are ISO strings). */
export type RecordInput = z.input<typeof recordBody>;
export type UpdateInput = z.input<typeof updateBody>;
export type CloseInput = z.input<typeof closeBody>;

const REQUESTS = "/api/v1/region/lawful-access-requests";
const requestPath = (id: string) => `${REQUESTS}/${encodeURIComponent(id)}`;

/** The typed browser client of the lawful-access register and the transparency reports. */
export const lawfulAccessApi = {
  register: (state?: "open" | "closed") =>
    apiCall<LawfulAccessRegister>(`${REQUESTS}${state ? `?state=${state}` : ""}`),
  record: (body: RecordInput) => apiSend<LawfulAccessRequest>(REQUESTS, body),
  request: (id: string) => apiCall<LawfulAccessRequest>(requestPath(id)),
  update: (id: string, body: UpdateInput) => apiSend<LawfulAccessRequest>(requestPath(id), body, "PATCH"),
  close: (id: string, body: CloseInput) => apiSend<LawfulAccessRequest>(`${requestPath(id)}/close`, body),
  tenant: (slug: string) =>
    apiCall<TenantLawfulAccess>(`/api/v1/tenants/${encodeURIComponent(slug)}/lawful-access-requests`),
  issueReport: (period: string) => apiSend<TransparencyReport>("/api/v1/region/transparency-reports", { period }),
  reports: () => apiCall<TransparencyReports>("/api/v1/transparency-reports"),
};

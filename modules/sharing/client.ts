import { apiCall } from "@/platform/http/client-fetch";
import type { DecisionDetail, DecisionSummary, DestinationView, VersionView } from "@/modules/sharing/server/views";
import type { MatrixCell } from "@/modules/sharing/server/matrix";
import type { DataClassView } from "@/modules/sharing/server/data-classes";
import type { LegalBasis, SharingOutcome } from "@/modules/sharing/domain/model";

export type {
  DataClassView,
  DecisionDetail,
  DecisionSummary,
  DestinationView,
  LegalBasis,
  MatrixCell,
  SharingOutcome,
  VersionView,
};

/** The matrix as GET …/decisions/matrix answers it. */
export interface DecisionMatrix {
  tenant: string;
  home_region: string;
  at: string;
  data_classes: DataClassView[];
  destinations: DestinationView[];
  rows: { data_class: string; cells: MatrixCell[] }[];
}

export interface DecisionList {
  tenant: string;
  at: string;
  decisions: DecisionSummary[];
  /** What the policy lets the caller do on the tenant's decisions in general (e.g. draft a new one). */
  allowed_actions: ("decisions.draft" | "decisions.review" | "decisions.accept")[];
}

/** A new draft, as POST …/decisions takes it (dates as ISO instants). */
export interface DraftInput {
  data_class: string;
  destination:
    | { kind: "region"; id: string }
    | { kind: "partner"; id: string; location?: string }
    | { kind: "subprocessor"; id: string; location: string };
  outcome: SharingOutcome;
  legal_basis?: LegalBasis | null;
  tia_ref?: string | null;
  dpa_clause?: string | null;
  effective_from: string;
  effective_to?: string | null;
  notes?: string;
}

/** The content fields PATCH …/decisions/{id} changes; `null` clears an optional one. */
export type DecisionEdit = Partial<Omit<DraftInput, "data_class" | "destination">>;

export type WorkflowStep = "submit" | "approve" | "reject-review" | "accept" | "reject" | "withdraw";

const base = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}/decisions`;

/** Where the CSV of the decisions in force downloads (the server names the file). */
export const decisionsCsvUrl = (tenant: string, status: "in_force" | "all" = "in_force") =>
  `${base(tenant)}?format=csv&status=${status}`;

export const decisionsApi = {
  list: (tenant: string) => apiCall<DecisionList>(`${base(tenant)}?status=all`),
  matrix: (tenant: string) => apiCall<DecisionMatrix>(`${base(tenant)}/matrix`),
  policy: (tenant: string) => apiCall<string>(`${base(tenant)}/policy`, { as: "text" }),
  detail: (tenant: string, id: string) => apiCall<DecisionDetail>(`${base(tenant)}/${encodeURIComponent(id)}`),
  create: (tenant: string, input: DraftInput) =>
    apiCall<DecisionDetail>(base(tenant), { method: "POST", body: JSON.stringify(input) }),
  /** `contentDigest`: the version the edit starts from, as shown; refused if it has changed since. */
  edit: (
    tenant: string,
    id: string,
    edit: Partial<Omit<DraftInput, "data_class" | "destination">>,
    contentDigest: string,
  ) =>
    apiCall<DecisionDetail>(`${base(tenant)}/${encodeURIComponent(id)}?content_digest=${contentDigest}`, {
      method: "PATCH",
      body: JSON.stringify(edit),
    }),
  /** `contentDigest`: the version as shown; the server refuses the step if it has changed since. */
  step: (tenant: string, id: string, step: WorkflowStep, contentDigest: string, reason?: string) =>
    apiCall<DecisionDetail>(`${base(tenant)}/${encodeURIComponent(id)}/${step}?content_digest=${contentDigest}`, {
      method: "POST",
      ...(reason === undefined ? {} : { body: JSON.stringify({ reason }) }),
    }),
};

export const decisionsQueryKeys = {
  all: (tenant: string) => ["tenants", tenant, "decisions"] as const,
  list: (tenant: string) => [...decisionsQueryKeys.all(tenant), "list"] as const,
  matrix: (tenant: string) => [...decisionsQueryKeys.all(tenant), "matrix"] as const,
  policy: (tenant: string) => [...decisionsQueryKeys.all(tenant), "policy"] as const,
  detail: (tenant: string, id: string) => [...decisionsQueryKeys.all(tenant), "detail", id] as const,
};

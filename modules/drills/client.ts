import type { z } from "zod";
import { apiCall, apiSend } from "@/platform/http/client-fetch";
import type {
  consentBody,
  consentState,
  drillList,
  drillStarted,
  drillView,
  regionDrillsView,
  scheduleBody,
  scheduleList,
  scheduleRemoved,
  scheduleView,
} from "@/modules/drills/api-schemas";
import type { DrillKind } from "@/modules/drills/domain/model";

export type DrillList = z.infer<typeof drillList>;
export type Drill = z.infer<typeof drillView>;
export type ConsentState = z.infer<typeof consentState>;
export type ScheduleList = z.infer<typeof scheduleList>;
export type Schedule = z.infer<typeof scheduleView>;
export type RegionDrills = z.infer<typeof regionDrillsView>;
export type ConsentInput = z.input<typeof consentBody>;
export type ScheduleInput = z.input<typeof scheduleBody>;

const T = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}`;

/** The query keys of the drills views (one factory, so invalidations match). */
export const drillKeys = {
  list: (tenant: string) => ["drills", tenant] as const,
  one: (tenant: string, id: string) => ["drills", tenant, id] as const,
  consent: (tenant: string) => ["drills", tenant, "consent"] as const,
  schedules: (tenant: string) => ["drills", tenant, "schedules"] as const,
};

/** The typed browser client of the drills routes. */
export const drillsApi = {
  list: (tenant: string) => apiCall<DrillList>(`${T(tenant)}/drills`),
  get: (tenant: string, id: string) => apiCall<Drill>(`${T(tenant)}/drills/${encodeURIComponent(id)}`),
  reportUrl: (tenant: string, id: string) => `${T(tenant)}/drills/${encodeURIComponent(id)}/report`,
  start: (tenant: string, kind: DrillKind) => apiSend<z.infer<typeof drillStarted>>(`${T(tenant)}/drills`, { kind }),
  consent: (tenant: string) => apiCall<ConsentState>(`${T(tenant)}/drill-consent`),
  grant: (tenant: string, body: ConsentInput) => apiSend<ConsentState>(`${T(tenant)}/drill-consent`, body),
  revoke: (tenant: string) => apiSend<ConsentState>(`${T(tenant)}/drill-consent/revoke`, {}),
  schedules: (tenant: string) => apiCall<ScheduleList>(`${T(tenant)}/drill-schedules`),
  schedule: (tenant: string, body: ScheduleInput) => apiSend<Schedule>(`${T(tenant)}/drill-schedules`, body),
  removeSchedule: (tenant: string, kind: DrillKind) =>
    apiSend<z.infer<typeof scheduleRemoved>>(
      `${T(tenant)}/drill-schedules/${encodeURIComponent(kind)}`,
      undefined,
      "DELETE",
    ),
  region: () => apiCall<RegionDrills>("/api/v1/region/drills"),
};

import { apiCall, apiSend } from "@/platform/http/client-fetch";
import type {
  CreateWebhookInput,
  DeliveryList,
  NotificationList,
  NotificationView,
  WebhookList,
  WebhookView,
} from "@/modules/notifications/api-schemas";

/** Said on the window whenever the caller's unread count may have changed (the bell listens). */
export const NOTIFICATIONS_CHANGED = "terrane:notifications-changed";

export const notificationsApi = {
  list: (unread = false) => apiCall<NotificationList>(`/api/v1/notifications${unread ? "?unread=true" : ""}`),
  read: (id: string) =>
    apiSend<{ notification: NotificationView; unread: number }>(`/api/v1/notifications/${encodeURIComponent(id)}/read`),
  readAll: () => apiSend<{ marked: number; unread: number }>("/api/v1/notifications/read-all"),
};

const webhooksPath = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}/webhooks`;
const endpointPath = (tenant: string, id: string) => `${webhooksPath(tenant)}/${encodeURIComponent(id)}`;

export const webhooksApi = {
  list: (tenant: string) => apiCall<WebhookList>(webhooksPath(tenant)),
  create: (tenant: string, input: Partial<CreateWebhookInput> & { url: string }) =>
    apiSend<WebhookView & { secret: string }>(webhooksPath(tenant), input),
  disable: (tenant: string, id: string) => apiSend<{ webhook: WebhookView }>(`${endpointPath(tenant, id)}/disable`),
  enable: (tenant: string, id: string) => apiSend<{ webhook: WebhookView }>(`${endpointPath(tenant, id)}/enable`),
  test: (tenant: string, id: string) =>
    apiSend<{ message_id: string; delivery_id: string }>(`${endpointPath(tenant, id)}/test`),
  deliveries: (tenant: string, id: string) => apiCall<DeliveryList>(`${endpointPath(tenant, id)}/deliveries`),
};

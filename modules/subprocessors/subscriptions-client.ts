import type { z } from "zod";
import { apiSend } from "@/platform/http/client-fetch";
import type {
  confirmedView,
  subscribeAcceptedView,
  unsubscribedView,
} from "@/modules/subprocessors/api-schemas/subscriptions";

const S = "/api/v1/subprocessors/subscriptions";

/** The public e-mail subscription's calls (no sign-in). */
export const subscriptionsApi = {
  subscribe: (email: string) => apiSend<z.infer<typeof subscribeAcceptedView>>(S, { email }),
  confirm: (token: string) => apiSend<z.infer<typeof confirmedView>>(`${S}/confirm?token=${encodeURIComponent(token)}`),
  unsubscribe: (token: string) =>
    apiSend<z.infer<typeof unsubscribedView>>(`${S}/unsubscribe?token=${encodeURIComponent(token)}`),
};

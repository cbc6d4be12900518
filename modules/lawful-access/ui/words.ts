import type { BadgeTone } from "@/components/ui/badge";
import type { Disposition, NotificationState } from "@/modules/lawful-access/domain/model";

export const DISPOSITION_TONES: Record<Disposition, BadgeTone> = {
  pending: "warning",
  rejected: "success",
  challenged: "info",
  partially_disclosed: "neutral",
  disclosed: "neutral",
};

export const NOTIFICATION_TONES: Record<NotificationState, BadgeTone> = {
  notified: "success",
  prohibited: "danger",
  not_yet_notified: "warning",
};

import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { regionUrl, type Region } from "@/platform/region/registry";
import { emailEnabled } from "@/modules/notifications/server/email";
import { queueEmails } from "@/modules/notifications/server/outbox";
import { changeMail } from "@/modules/subprocessors/domain/subscription-mail";
import {
  unsubscribeHeaders,
  unsubscribePageUrl,
  unsubscribeSecrets,
} from "@/modules/subprocessors/server/subscription-links";

/** The public page with the register (and its feeds). */
export const REGISTER_PAGE = "/trust";

/**
 * Queues one e-mail per confirmed subscriber of the region, in the change's transaction, each
 * with its own one-click unsubscribe link and headers. Pending and unsubscribed addresses get
 * nothing. Returns how many were queued (none when this instance sends no e-mail).
 */
export async function queueSubscriberMails(
  tx: Tx,
  region: Pick<Region, "id" | "name">,
  words: { title: string; body: string },
): Promise<number> {
  if (!emailEnabled()) return 0;
  const subscribers = await tx.subprocessorSubscription.findMany({
    where: { region: region.id, state: "confirmed" },
    select: { id: true, email: true },
    orderBy: { createdAt: "asc" },
  });
  if (subscribers.length === 0) return 0;
  const secrets = unsubscribeSecrets(
    region.id,
    subscribers.map((s) => s.id),
  );
  const registerUrl = regionUrl(region.id, REGISTER_PAGE);
  return queueEmails(
    tx,
    subscribers.map((s, i) => ({
      toAddress: s.email,
      ...changeMail({ region, ...words, registerUrl, unsubscribeUrl: unsubscribePageUrl(region.id, secrets[i]!) }),
      headers: unsubscribeHeaders(region.id, secrets[i]!),
    })),
  );
}

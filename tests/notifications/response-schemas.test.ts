/**
 * The notifications module's response schemas (and so the OpenAPI document) say what its
 * handlers really answer: every route's real answer, parsed with the strict schema.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  createdWebhook,
  deliveryList,
  markedAllRead,
  markedRead,
  notificationList,
  testQueued,
  webhookChange,
  webhookList,
} from "@/modules/notifications/api-schemas";
import { dispatchDueWebhooks } from "@/modules/notifications/server/deliver";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { startReceiver } from "./receiver";
import { callWebhooks, notificationCalls, WEBHOOK_ROUTES } from "./routes";
import { clearWebhooks, notifyNow, SLUG } from "./world";

describe.each(DATABASE_KINDS)("notification response schemas match real responses, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");

  async function parsed(res: Response, schema: z.ZodType, status = 200): Promise<unknown> {
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(status);
    const result = schema.safeParse(JSON.parse(text));
    expect(result.success ? [] : result.error.issues).toEqual([]);
    return result.data;
  }

  it("every route answers what its schema says", async () => {
    await clearWebhooks(world.prisma);
    const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
    try {
      const token = world.token(EU.northwindAdmin);
      const route = (name: string) => WEBHOOK_ROUTES.find((r) => r.name === name)!;
      const created = (await parsed(
        await callWebhooks(route("create"), SLUG, "", {
          token,
          body: { url: receiver.url, description: "schema check", events: ["support_access.request_created"] },
        }),
        createdWebhook,
        201,
      )) as { id: string };
      await parsed(await callWebhooks(route("list"), SLUG, created.id, { token }), webhookList);
      await parsed(await callWebhooks(route("test"), SLUG, created.id, { token }), testQueued, 202);
      await notifyNow(world.prisma, { recipients: [await world.userId(EU.northwindAdmin)] });
      await (
        await dispatchDueWebhooks()
      ).done;
      const log = (await parsed(
        await callWebhooks(route("deliveries"), SLUG, created.id, { token }),
        deliveryList,
      )) as {
        deliveries: { status: string; attempt_log: unknown[] }[];
      };
      // The first message failed (500), so the endpoint's next one waits for the next claim.
      expect(log.deliveries.map((d) => d.status).sort()).toEqual(["failed", "pending"]);
      await parsed(await callWebhooks(route("disable"), SLUG, created.id, { token }), webhookChange);
      await parsed(await callWebhooks(route("enable"), SLUG, created.id, { token }), webhookChange);

      const list = (await parsed(await notificationCalls.list({ token }), notificationList)) as {
        notifications: { id: string }[];
      };
      await parsed(await notificationCalls.list({ token, query: "?unread=true" }), notificationList);
      await parsed(await notificationCalls.read(list.notifications[0]!.id, { token }), markedRead);
      await parsed(await notificationCalls.readAll({ token }), markedAllRead);
    } finally {
      await receiver.close();
    }
  });
});

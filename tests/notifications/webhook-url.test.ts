import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "@/modules/notifications/domain/webhook-url";
import { MAX_ATTEMPTS, nextAttemptAfter, RETRY_SCHEDULE_MS } from "@/modules/notifications/domain/retry";

const prod = { allowLocalHttp: false };
const dev = { allowLocalHttp: true };

describe("webhook endpoint URLs", () => {
  it("accepts https anywhere public, and normalises the URL", () => {
    expect(checkWebhookUrl("https://hooks.example.com/terrane?x=1", prod)).toEqual({
      ok: true,
      url: "https://hooks.example.com/terrane?x=1",
    });
    expect(checkWebhookUrl("HTTPS://Hooks.Example.com", prod)).toEqual({ ok: true, url: "https://hooks.example.com/" });
  });

  it("allows plain http only to this machine, and only outside production (or with the flag)", () => {
    for (const url of ["http://localhost:8080/h", "http://127.0.0.1:9/h", "http://[::1]:9/h", "https://127.0.0.1/h"]) {
      expect(checkWebhookUrl(url, dev).ok, url).toBe(true);
      expect(checkWebhookUrl(url, prod).ok, url).toBe(false);
    }
    expect(checkWebhookUrl("http://hooks.example.com/h", dev)).toMatchObject({ ok: false, reason: /https/ });
  });

  it("refuses other schemes, credentials, fragments, private and link-local literals, and junk", () => {
    const refused = [
      "ftp://hooks.example.com/h",
      "javascript:alert(1)",
      "file:///etc/passwd",
      "https://user:pw@hooks.example.com/h",
      "https://user@hooks.example.com/h",
      "https://hooks.example.com/h#x",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.5/h",
      "https://172.20.1.1/h",
      "https://192.168.1.1/h",
      "https://[fd00::1]/h",
      "https://[::ffff:127.0.0.1]/h",
      "not a url",
      `https://hooks.example.com/${"a".repeat(2100)}`,
    ];
    for (const url of refused) {
      for (const options of [prod, dev]) {
        const result = checkWebhookUrl(url, options);
        expect(result.ok, url).toBe(false);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
      }
    }
  });
});

describe("the retry schedule", () => {
  it("is the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then given up", () => {
    const t0 = new Date("2026-12-01T00:00:00Z");
    const waits: number[] = [];
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++)
      waits.push(nextAttemptAfter(attempts, t0)!.getTime() - t0.getTime());
    expect(waits).toEqual([...RETRY_SCHEDULE_MS]);
    expect(waits.map((w) => w / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(nextAttemptAfter(MAX_ATTEMPTS, t0)).toBeNull();
    expect(MAX_ATTEMPTS).toBe(8);
    // About 27.6 hours from the first attempt to the last.
    expect(waits.reduce((a, b) => a + b, 0) / 3_600_000).toBeCloseTo(27.59, 1);
  });
});

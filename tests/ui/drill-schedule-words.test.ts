/**
 * The drill Schedules panel's words and its first-run field: the period in words, and a
 * `datetime-local` value read in the person's time zone and sent with that zone's offset.
 */
import { afterEach, describe, expect, it } from "vitest";
import { everyWords, localInputToIso, SCHEDULE_FREQUENCIES } from "@/modules/drills/ui/schedule-words";
import { scheduleBody } from "@/modules/drills/api-schemas";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("a schedule's period in words", () => {
  it("names the four choices, and says the days of any other period", () => {
    expect(SCHEDULE_FREQUENCIES.map((f) => everyWords(f.days))).toEqual([
      "every 30 days (monthly)",
      "every 91 days (quarterly)",
      "every 182 days (half-yearly)",
      "every 365 days (yearly)",
    ]);
    expect(everyWords(45)).toBe("every 45 days");
    // Each choice is a period the API takes.
    for (const f of SCHEDULE_FREQUENCIES)
      expect(scheduleBody.safeParse({ kind: "kms_outage", every_days: f.days }).success).toBe(true);
  });
});

describe("the first run, in the person's time zone", () => {
  it("keeps the wall-clock time and adds the zone's offset (winter and summer time)", () => {
    process.env.TZ = "Europe/Berlin";
    expect(localInputToIso("2031-03-03T09:30")).toBe("2031-03-03T09:30:00+01:00");
    expect(localInputToIso("2031-07-01T09:30")).toBe("2031-07-01T09:30:00+02:00");
    expect(new Date(localInputToIso("2031-03-03T09:30")!).toISOString()).toBe("2031-03-03T08:30:00.000Z");
    process.env.TZ = "America/St_Johns";
    expect(localInputToIso("2031-01-15T23:45")).toBe("2031-01-15T23:45:00-03:30");
    process.env.TZ = "UTC";
    expect(localInputToIso("2031-01-15T23:45:10")).toBe("2031-01-15T23:45:10+00:00");
  });

  it("is what the API takes, and nothing for what is not a local date-time", () => {
    process.env.TZ = "Asia/Dubai";
    const iso = localInputToIso("2031-03-03T09:30")!;
    const parsed = scheduleBody.parse({ kind: "key_revocation", every_days: 91, first_run_at: iso });
    expect(parsed.first_run_at?.toISOString()).toBe("2031-03-03T05:30:00.000Z");
    for (const bad of ["", "2031-03-03", "2031-03-03T09:30Z", "2031-13-03T09:30", "tomorrow"])
      expect(localInputToIso(bad), bad).toBeNull();
  });
});

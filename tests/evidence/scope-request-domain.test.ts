import { describe, expect, it } from "vitest";
import { approvalWords, notWider, scopeWords, widened } from "@/modules/evidence/domain/scope-request";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const current = { access: "attestations" as const, from: d("2025-01-01"), to: d("2026-01-01") };

describe("what counts as asking for more", () => {
  it("must keep everything the engagement covers and add something", () => {
    expect(notWider(current, { access: "evidence", from: d("2025-01-01"), to: d("2026-01-01") })).toBeNull();
    expect(notWider(current, { access: "attestations", from: d("2024-01-01"), to: d("2026-01-01") })).toBeNull();
    expect(notWider(current, { access: "attestations", from: d("2025-01-01"), to: d("2026-06-01") })).toBeNull();
    expect(notWider(current, { access: "attestations", from: d("2025-01-01"), to: d("2026-01-01") })).toMatch(
      /already/,
    );
    expect(notWider(current, { access: "evidence", from: d("2025-02-01"), to: d("2027-01-01") })).toMatch(/^from:/);
    expect(notWider(current, { access: "evidence", from: d("2024-01-01"), to: d("2025-06-01") })).toMatch(/^to:/);
    expect(
      notWider(
        { ...current, access: "evidence" },
        { access: "attestations", from: d("2024-01-01"), to: d("2027-01-01") },
      ),
    ).toMatch(/^access:/);
    // An open bound already covers its side.
    expect(
      notWider({ ...current, from: null }, { access: "attestations", from: d("2025-06-01"), to: d("2027-01-01") }),
    ).toBeNull();
  });

  it("an approval is the union of what the engagement has and what was asked: it never narrows", () => {
    const changedSince = { access: "evidence" as const, from: d("2023-01-01"), to: d("2026-01-01") };
    expect(widened(changedSince, { access: "attestations", from: d("2024-01-01"), to: d("2027-01-01") })).toEqual({
      access: "evidence",
      from: d("2023-01-01"),
      to: d("2027-01-01"),
    });
    expect(
      widened({ ...current, to: null }, { access: "evidence", from: d("2024-01-01"), to: d("2027-01-01") }).to,
    ).toBeNull();
  });

  it("says it in words, with the zone", () => {
    expect(scopeWords(current)).toBe(
      "the signed attestations for periods from 2025-01-01 to 2026-01-01 (not included)",
    );
    expect(
      approvalWords(
        {
          name: "Audrey Mensah",
          access: "attestations",
          scope_from: "2025-06-01T00:00:00.000Z",
          scope_to: "2026-01-01T00:00:00.000Z",
          expires_at: "2027-03-03T23:59:59.000Z",
        },
        { access: "evidence", from: "2025-01-01T00:00:00.000Z", to: "2026-01-01T00:00:00.000Z" },
      ),
    ).toBe("Audrey Mensah will be able to read evidence for 2025-01-01 to 2026-01-01 until 3 Mar 2027, 23:59 UTC.");
  });
});

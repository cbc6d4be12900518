/**
 * The audit-log page's URL filters: what a shared link means, and that anything else in the
 * URL is explained rather than passed on (the page reads nothing until it is fixed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AUDIT_PAGE_SIZE,
  auditApiQuery,
  auditSearchString,
  parseAuditSearch,
  utcInstant,
} from "@/modules/audit/domain/filter";

describe("parseAuditSearch", () => {
  it("reads an unfiltered first page", () => {
    const parsed = parseAuditSearch({});
    expect(parsed).toMatchObject({ query: { limit: AUDIT_PAGE_SIZE }, errors: {}, filtered: false, cursor: null });
  });

  it("reads every filter, times in UTC", () => {
    const parsed = parseAuditSearch({
      action: "api_token.",
      actor: "u-1",
      from: "2026-11-22T09:30",
      to: "2026-11-22T17:00:05",
      cursor: "42",
    });
    expect(parsed.errors).toEqual({});
    expect(parsed.filtered).toBe(true);
    expect(parsed.query).toEqual({
      action: "api_token.",
      actor: "u-1",
      from: "2026-11-22T09:30:00.000Z",
      to: "2026-11-22T17:00:05.000Z",
      cursor: "42",
      limit: AUDIT_PAGE_SIZE,
    });
  });

  it("accepts ISO times with an offset", () => {
    expect(parseAuditSearch({ from: "2026-11-22T11:30:00+02:00" }).query?.from).toBe("2026-11-22T09:30:00.000Z");
  });

  it("lets a typed action code win over the list (the form without JavaScript)", () => {
    expect(parseAuditSearch({ action: "api_token.", action_code: "api_token.revoked" }).query?.action).toBe(
      "api_token.revoked",
    );
  });

  it("takes the first of repeated parameters", () => {
    expect(parseAuditSearch({ actor: ["a", "b"] }).query?.actor).toBe("a");
  });

  it.each([
    [{ action: "Not an action" }, "action"],
    [{ action: "api_token..created" }, "action"],
    [{ action: `${"a".repeat(101)}` }, "action"],
    [{ actor: "x".repeat(201) }, "actor"],
    [{ from: "yesterday" }, "from"],
    [{ from: "2026-13-45T99:99" }, "from"],
    [{ to: "2026-11-22" }, "to"],
    [{ to: "2026-02-30T10:00" }, "to"],
    [{ from: "2026-11-22T10:00", to: "2026-11-22T09:00" }, "to"],
    [{ from: "2026-11-22T10:00", to: "2026-11-22T10:00" }, "to"],
    [{ cursor: "abc" }, "cursor"],
    [{ cursor: "1".repeat(20) }, "cursor"],
  ])("explains %j and reads nothing", (params, field) => {
    const parsed = parseAuditSearch(params);
    expect(parsed.query).toBeNull();
    expect(parsed.errors[field as keyof typeof parsed.errors]).toBeTruthy();
  });

  it("never throws, and only passes on what the API accepts", () => {
    const api = { action: /^[a-z_]+(\.[a-z_]+)*\.?$/, cursor: /^[0-9]{1,19}$/ };
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("action", "action_code", "actor", "from", "to", "cursor", "other"), fc.string()),
        (params) => {
          const parsed = parseAuditSearch(params);
          if (!parsed.query) return;
          if (parsed.query.action !== undefined) expect(parsed.query.action).toMatch(api.action);
          if (parsed.query.cursor !== undefined) expect(parsed.query.cursor).toMatch(api.cursor);
          for (const t of [parsed.query.from, parsed.query.to])
            if (t !== undefined) expect(new Date(t).toISOString()).toBe(t);
        },
      ),
    );
  });
});

describe("URLs", () => {
  it("leaves empty filters out of the page URL, and round-trips", () => {
    const values = { action: "api_token.created", actor: "", who: "people", from: "2026-11-22T09:30", to: "" };
    const search = auditSearchString(values, "17");
    expect(search).toBe("?action=api_token.created&who=people&from=2026-11-22T09%3A30&cursor=17");
    const parsed = parseAuditSearch(Object.fromEntries(new URLSearchParams(search)));
    expect(parsed.values).toEqual(values);
    expect(parsed.query).toMatchObject({ who: "people" });
    expect(parsed.cursor).toBe("17");
    expect(auditSearchString({ action: "", actor: "", who: "", from: "", to: "" })).toBe("");
  });

  it("who is everyone, people or system; anything else is an error that reads nothing", () => {
    expect(parseAuditSearch({}).query).not.toHaveProperty("who");
    expect(parseAuditSearch({ who: "system" })).toMatchObject({ query: { who: "system" }, filtered: true });
    const wrong = parseAuditSearch({ who: "robots" });
    expect(wrong.query).toBeNull();
    expect(wrong.errors.who).toMatch(/everyone, people, or the system/);
  });

  it("builds the API query", () => {
    expect(auditApiQuery({ action: "api_token.", limit: 50 })).toBe("action=api_token.&limit=50");
  });

  it("utcInstant refuses what is not a time", () => {
    expect(utcInstant("2026-02-30T10:00")).toBeNull();
    expect(utcInstant("2026-11-22T24:00")).toBeNull();
    expect(utcInstant("2028-02-29T10:00")).toBe("2028-02-29T10:00:00.000Z");
    expect(utcInstant("10:00")).toBeNull();
    expect(utcInstant("")).toBeNull();
  });
});

/**
 * The decision forms' pure helpers: the POST body of a new draft, the PATCH body with only what
 * changed (null clears), the field an API problem names, and the version a proposal starts from.
 */
import { describe, expect, it } from "vitest";
import {
  changedFields,
  contentFromVersion,
  emptyContent,
  problemField,
  proposalBase,
  toDestination,
  toDraftInput,
  type ContentDraft,
} from "@/modules/sharing/ui/draft-content";

const version = {
  outcome: "allow" as const,
  legal_basis: "sccs" as const,
  tia_ref: "TIA-1",
  dpa_clause: "Annex II §4",
  effective_from: "2026-09-23T05:00:00.000Z",
  effective_to: null,
  notes: "first",
};

describe("contentFromVersion and changedFields", () => {
  it("sends nothing when nothing changed, even for instants that are not at midnight", () => {
    const c = contentFromVersion(version);
    expect(c.effective_from).toBe("2026-09-23");
    expect(changedFields(c, { ...c })).toEqual({});
  });

  it("sends only the changed fields", () => {
    const before = contentFromVersion(version);
    expect(changedFields(before, { ...before, notes: "second", outcome: "allow_aggregates" })).toEqual({
      notes: "second",
      outcome: "allow_aggregates",
    });
  });

  it("clears optional fields with null, and notes with an empty string", () => {
    const before = contentFromVersion({ ...version, effective_to: "2027-01-01T00:00:00.000Z" });
    expect(changedFields(before, { ...before, dpa_clause: "  ", effective_to: "", notes: "" })).toEqual({
      dpa_clause: null,
      effective_to: null,
      notes: "",
    });
  });

  it("a deny drops the legal basis (null), and moving a date sends midnight UTC", () => {
    const before = contentFromVersion(version);
    expect(changedFields(before, { ...before, outcome: "deny", effective_from: "2026-10-01" })).toEqual({
      outcome: "deny",
      legal_basis: null,
      effective_from: "2026-10-01T00:00:00.000Z",
    });
  });

  it("trims references before comparing", () => {
    const before = contentFromVersion(version);
    expect(changedFields(before, { ...before, tia_ref: " TIA-1 " })).toEqual({});
    expect(changedFields(before, { ...before, tia_ref: "TIA-2 " })).toEqual({ tia_ref: "TIA-2" });
  });
});

describe("toDraftInput", () => {
  const content: ContentDraft = {
    ...emptyContent(new Date("2026-11-22T10:00:00Z")),
    outcome: "allow",
    legal_basis: "adequacy",
  };

  it("omits empty optional fields", () => {
    expect(
      toDraftInput("payment_data", { kind: "region", region: "us-east-1", name: "x", location: "y" }, content),
    ).toEqual({
      data_class: "payment_data",
      destination: { kind: "region", id: "us-east-1" },
      outcome: "allow",
      legal_basis: "adequacy",
      effective_from: "2026-11-22T00:00:00.000Z",
    });
  });

  it("carries every field of a subprocessor decision, and a deny has no legal basis", () => {
    const full: ContentDraft = {
      outcome: "deny",
      legal_basis: "sccs",
      tia_ref: "TIA-9",
      dpa_clause: "§4",
      effective_from: "2026-12-01",
      effective_to: "2027-12-01",
      notes: "why",
    };
    expect(
      toDraftInput(
        "payment_data",
        { kind: "subprocessor", region: "", name: "  Ledger  Archive ", location: "ch" },
        full,
      ),
    ).toEqual({
      data_class: "payment_data",
      destination: { kind: "subprocessor", id: "Ledger  Archive", location: "CH" },
      outcome: "deny",
      tia_ref: "TIA-9",
      dpa_clause: "§4",
      effective_from: "2026-12-01T00:00:00.000Z",
      effective_to: "2027-12-01T00:00:00.000Z",
      notes: "why",
    });
  });

  it("a partner's location is optional; a region id stays as typed", () => {
    expect(toDestination({ kind: "partner", region: "", name: "Atlas", location: "" })).toEqual({
      kind: "partner",
      id: "Atlas",
    });
    expect(toDestination({ kind: "partner", region: "", name: "Atlas", location: "us-east-1" })).toEqual({
      kind: "partner",
      id: "Atlas",
      location: "us-east-1",
    });
  });
});

describe("problemField", () => {
  it("names the first known field of a problem's detail", () => {
    expect(problemField("tia_ref: transfers on SCCs need a transfer-impact assessment reference")).toBe("tia_ref");
    expect(problemField("legal_basis: required when the outcome is allow; tia_ref: …")).toBe("legal_basis");
    expect(
      problemField(
        "destination.location: must be a region id (e.g. us-east-1) or an ISO 3166-1 country code (e.g. US)",
      ),
    ).toBe("destination.location");
  });

  it("names nothing for a detail about no field", () => {
    expect(
      problemField("A decision for payment_data to region:us-east-1 exists already; edit it (PATCH) to change it."),
    ).toBeNull();
    expect(problemField("Note: something")).toBeNull();
  });
});

describe("proposalBase", () => {
  const v = (id: string, status: "accepted" | "withdrawn" | "draft") => ({ id, status });

  it("starts from the version in force, else the last accepted, else the newest", () => {
    expect(proposalBase({ id: "b" }, [v("c", "withdrawn"), v("b", "accepted"), v("a", "accepted")])?.id).toBe("b");
    expect(proposalBase(null, [v("c", "withdrawn"), v("b", "accepted"), v("a", "accepted")])?.id).toBe("b");
    expect(proposalBase(null, [v("b", "withdrawn"), v("a", "withdrawn")])?.id).toBe("b");
  });
});

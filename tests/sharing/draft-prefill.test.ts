import { describe, expect, it } from "vitest";
import {
  draftPrefillQuery,
  parseDraftPrefill,
  prefillDestinationKey,
  prefillNotes,
  type DraftPrefill,
} from "@/modules/sharing/domain/draft-prefill";

/** The decisions page's URL for a draft proposed from a lineage violation: written by the lineage, read back by the page. */
const params = (query: string) => Object.fromEntries(new URLSearchParams(query));

describe("a proposed draft in the decisions page's URL", () => {
  const toRegion: DraftPrefill = {
    dataClass: "customer_pii",
    destination: { kind: "region", region: "af-south-1" },
    from: "eu-central-1",
    flow: "analytics.fact_shipments → warehouse/fact_shipments",
  };
  const toSubprocessor: DraftPrefill = {
    dataClass: "payment_data",
    destination: { kind: "subprocessor", name: "Snowflake Analytics", location: "us-east-1" },
    from: "eu-central-1",
    flow: null,
  };

  it("round-trips a region and a subprocessor destination", () => {
    expect(parseDraftPrefill(params(draftPrefillQuery(toRegion)))).toEqual(toRegion);
    expect(parseDraftPrefill(params(draftPrefillQuery(toSubprocessor)))).toEqual(toSubprocessor);
    expect(prefillDestinationKey(toRegion)).toBe("region:af-south-1");
    expect(prefillDestinationKey(toSubprocessor)).toBe("subprocessor:snowflake analytics@us-east-1");
  });

  it("drops what is absent or malformed: a hand-edited URL opens an empty form", () => {
    const ok = params(draftPrefillQuery(toRegion));
    expect(parseDraftPrefill({})).toBeNull();
    expect(parseDraftPrefill({ ...ok, propose: "0" })).toBeNull();
    expect(parseDraftPrefill({ ...ok, data_class: "Customer PII" })).toBeNull();
    expect(parseDraftPrefill({ ...ok, to: "mars" })).toBeNull();
    expect(parseDraftPrefill({ ...ok, to_kind: "partner" })).toBeNull();
    expect(parseDraftPrefill({ ...ok, data_class: ["customer_pii", "x"] })).toBeNull();
    const sub = params(draftPrefillQuery(toSubprocessor));
    expect(parseDraftPrefill({ ...sub, location: "nowhere" })).toBeNull();
    expect(parseDraftPrefill({ ...sub, to: "  " })).toBeNull();
    // What only annotates the draft is dropped alone.
    expect(parseDraftPrefill({ ...ok, from: "somewhere" })).toEqual({ ...toRegion, from: null });
    expect(parseDraftPrefill({ ...ok, flow: "a\u0000b" })?.flow).toBe("a b");
    expect(parseDraftPrefill({ ...ok, flow: "x".repeat(500) })?.flow).toHaveLength(200);
  });

  it("notes say where the proposal came from, with the class's name", () => {
    expect(prefillNotes(toRegion, "Customer PII")).toBe(
      "Proposed from the lineage: the flow analytics.fact_shipments → warehouse/fact_shipments from eu-central-1 to af-south-1 carries Customer PII and was judged a violation, because no decision in force allows it.",
    );
    expect(prefillNotes(toSubprocessor, "Payment data")).toMatch(
      /a flow from eu-central-1 to Snowflake Analytics \(us-east-1\)/,
    );
  });
});

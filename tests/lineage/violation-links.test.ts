import { describe, expect, it } from "vitest";
import type { ClassStep } from "@/modules/lineage/domain/explain";
import { proposals, reviewItemHref, type FlowEnds } from "@/modules/lineage/ui/violation-links";
import { parseDraftPrefill } from "@/modules/sharing/domain/draft-prefill";

/** Where a violation's actions lead, from the caller's allowed actions (never a role name). */

const refused = (dataClass: string, name: string, hasDecision = false): ClassStep => ({
  dataClass,
  name,
  verdict: "violation",
  question: "",
  policy: null,
  decisionId: null,
  hasDecision,
  text: "",
});
const ends: FlowEnds = {
  from: "eu-central-1",
  to: "af-south-1",
  subprocessor: null,
  crossing: "region",
  flow: "warehouse → backup",
};
const query = (href: string) => Object.fromEntries(new URL(href, "http://x").searchParams);

describe("a violation's actions", () => {
  it("one proposal per refused class, to the decisions page with the draft prefilled, for those who draft", () => {
    const links = proposals(
      "northwind-eu",
      [refused("customer_pii", "Customer personal data"), refused("business_records", "Business records", true)],
      ends,
      ["decisions.draft"],
    );
    expect(links.map((l) => [l.dataClass, l.exists])).toEqual([
      ["customer_pii", false],
      ["business_records", true],
    ]);
    expect(links[0]!.href).toMatch(/^\/t\/northwind-eu\/decisions\?propose=1&/);
    expect(parseDraftPrefill(query(links[0]!.href))).toEqual({
      dataClass: "customer_pii",
      destination: { kind: "region", region: "af-south-1" },
      from: "eu-central-1",
      flow: "warehouse → backup",
    });
    expect(proposals("northwind-eu", [refused("customer_pii", "x")], ends, ["reviews.read"])).toEqual([]);
  });

  it("into a subprocessor, the decision is the subprocessor's in that place", () => {
    const [link] = proposals(
      "t",
      [refused("payment_data", "Payment data")],
      { ...ends, to: "us-east-1", subprocessor: "Snowflake Analytics", crossing: "subprocessor" },
      ["decisions.draft", "decisions.review"],
    );
    expect(parseDraftPrefill(query(link!.href))?.destination).toEqual({
      kind: "subprocessor",
      name: "Snowflake Analytics",
      location: "us-east-1",
    });
    // A destination nobody can name (no region) cannot be proposed.
    expect(
      proposals("t", [refused("payment_data", "Payment data")], { ...ends, to: null }, ["decisions.draft"]),
    ).toEqual([]);
  });

  it("the review item: the region's queue for those who work it, the tenant's page otherwise", () => {
    const item = { id: "item-1", state: "open" as const };
    expect(reviewItemHref("northwind-eu", item, ["reviews.read", "region.reviews.read"])).toBe(
      "/region/reviews?item=item-1",
    );
    expect(reviewItemHref("northwind-eu", item, ["reviews.read"])).toBe(
      "/t/northwind-eu/governance/reviews#review-item-item-1",
    );
    expect(reviewItemHref("northwind-eu", item, [])).toBeNull();
    expect(reviewItemHref("northwind-eu", null, ["region.reviews.read"])).toBeNull();
  });
});

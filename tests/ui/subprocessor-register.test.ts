/**
 * The register page's logic without a browser: how a change's diff reads (items added "+",
 * removed "−", values before → after, in names rather than keys), the propose form's urgent path
 * (its reason and date are required), what the approve dialog says about the date a change will
 * get, and a compliance officer who proposed a change getting no Approve but the four-eyes note.
 */
import { describe, expect, it } from "vitest";
import type { RegisterChange, RegisterEntry, RegisterSettings } from "@/modules/subprocessors/client";
import {
  emptyForm,
  formErrors,
  formFromEntry,
  proposalBody,
  retirementBody,
  type ProposeFormState,
} from "@/modules/subprocessors/ui/register-form-state";
import {
  announcementWords,
  audienceWords,
  diffLine,
  diffRows,
  effectiveWords,
  reviewSteps,
  serverNow,
  withdrawWords,
  type RegisterNames,
} from "@/modules/subprocessors/ui/register-words";

const NOW = new Date("2026-12-14T09:30:00Z");
const SETTINGS: RegisterSettings = {
  region: "eu-central-1",
  notice_days: 30,
  objection_days: 30,
  updated_at: "2026-12-01T00:00:00Z",
};
const NAMES: RegisterNames = {
  dataClasses: new Map([
    ["contact_details", "Contact details"],
    ["payment_data", "Payment data"],
  ]),
  regions: new Map([["eu-central-1", "Europe (Frankfurt)"]]),
};

const ENTRY: RegisterEntry = {
  id: "postbox",
  name: "Postbox",
  legal_entity: "Postbox GmbH",
  service: "Transactional e-mail",
  purpose: "Sends account e-mails.",
  data_classes: ["contact_details"],
  locations: ["DE"],
  storage_regions: ["eu-central-1"],
  transfer_mechanism: "adequacy",
  scc_module: null,
  dpa_date: "2026-03-01",
  certifications: ["ISO/IEC 27001"],
  key_custody: [],
  website: "https://postbox.example",
  status: "active",
  effective_at: "2026-01-01T00:00:00Z",
};

function change(over: Partial<RegisterChange> = {}): RegisterChange {
  return {
    id: "c1",
    subprocessor_id: "postbox",
    name: "Postbox",
    kind: "change",
    kind_label: "Change to a subprocessor",
    state: "proposed",
    state_label: "Proposed, awaiting compliance review",
    before: ENTRY,
    after: { ...ENTRY, data_classes: ["contact_details", "payment_data"], locations: ["DE", "US"] },
    diff: [],
    author: { id: "u1", name: "Paula Platform" },
    reviewer: null,
    reviewed_at: null,
    review_note: null,
    requested_effective_at: null,
    notice_days: null,
    needs_notice: true,
    effective_at: null,
    urgent_reason: null,
    shortened: false,
    applied_at: null,
    created_at: "2026-12-14T09:00:00Z",
    open_objections: 0,
    allowed_actions: ["approve", "reject"],
    four_eyes: false,
    ...over,
  };
}

describe("a change's diff in words", () => {
  it("lists items added with + and removed with −, by name, and values as before → after", () => {
    const rows = diffRows(
      [
        {
          field: "data_classes",
          label: "Data classes processed",
          before: "contact_details",
          after: "payment_data",
          added: ["payment_data"],
          removed: ["contact_details"],
        },
        {
          field: "locations",
          label: "Processing countries",
          before: "DE",
          after: "DE, US",
          added: ["US"],
          removed: [],
        },
        { field: "transfer_mechanism", label: "Transfer mechanism", before: "adequacy", after: "sccs" },
        { field: "scc_module", label: "SCC module", before: null, after: "2" },
        { field: "website", label: "Website", before: "https://postbox.example", after: null },
      ],
      NAMES,
    );
    expect(rows.map(diffLine)).toEqual([
      "Data classes processed: + Payment data (payment_data) − Contact details (contact_details)",
      "Processing countries: + United States (US)",
      "Transfer mechanism: Adequacy decision → Standard contractual clauses",
      "SCC module: + Module 2: controller to processor",
      "Website: − https://postbox.example",
    ]);
    expect(rows[0]).toMatchObject({ kind: "list", added: ["Payment data (payment_data)"] });
    expect(rows[2]).toMatchObject({
      kind: "value",
      before: "Adequacy decision",
      after: "Standard contractual clauses",
    });
  });

  it("shows a key it has no name for as the key, and a contract date as a date", () => {
    const rows = diffRows(
      [
        {
          field: "data_classes",
          label: "Data classes processed",
          before: null,
          after: "x_y",
          added: ["x_y"],
          removed: [],
        },
        { field: "dpa_date", label: "DPA date", before: "2026-03-01", after: "2026-11-20" },
      ],
      NAMES,
    );
    expect(rows.map(diffLine)).toEqual(["Data classes processed: + x_y", "DPA date: 1 March 2026 → 20 November 2026"]);
  });
});

describe("the propose form", () => {
  const filled: ProposeFormState = { ...formFromEntry(ENTRY), name: "Postbox Mail" };

  it("asks for every required field of a new subprocessor, next to it", () => {
    const errors = formErrors(emptyForm());
    expect(Object.keys(errors).sort()).toEqual(
      ["data_classes", "legal_entity", "locations", "name", "purpose", "service", "transfer_mechanism"].sort(),
    );
    expect(formErrors({ ...filled, transfer_mechanism: "sccs" }).scc_module).toBe("Choose the SCC module.");
    expect(formErrors({ ...filled, website: "http://postbox.example" }).website).toMatch(/https/);
    expect(formErrors(filled)).toEqual({});
  });

  it("requires a reason, and the date, once the urgent box is ticked", () => {
    const urgent = { ...filled, urgent: true };
    expect(formErrors(urgent)).toEqual({
      urgent_reason: "Say why the notice period must be shortened: customers and the reviewer read it.",
      effective_on: "An urgent replacement names the date it must take effect.",
    });
    expect(formErrors({ ...urgent, urgent_reason: "   ", effective_on: "2026-12-20" }).urgent_reason).toBeDefined();
    expect(formErrors({ ...urgent, urgent_reason: "Mailgrid ends its service.", effective_on: "2026-12-20" })).toEqual(
      {},
    );
  });

  it("sends the urgent reason only on the urgent path, and SCC modules only with SCCs", () => {
    const body = proposalBody(
      { ...filled, effective_on: "2026-12-20", urgent: false, urgent_reason: "left over", scc_module: "2" },
      "postbox",
    );
    expect(body).toMatchObject({ id: "postbox", effective_at: "2026-12-20T00:00:00Z", scc_module: null });
    expect(body).not.toHaveProperty("urgent_reason");
    const urgent = proposalBody(
      {
        ...filled,
        transfer_mechanism: "sccs",
        scc_module: "2",
        effective_on: "2026-12-20",
        urgent: true,
        urgent_reason: " Mailgrid ends. ",
      },
      null,
    );
    expect(urgent).toMatchObject({ scc_module: 2, urgent_reason: "Mailgrid ends.", certifications: ["ISO/IEC 27001"] });
    expect(urgent).not.toHaveProperty("id");
    expect(retirementBody("postbox", "")).toEqual({ id: "postbox", status: "retired" });
  });
});

describe("the approve dialog", () => {
  it("names the date at the end of the region's notice period, counted from now", () => {
    const words = effectiveWords(change(), SETTINGS, NOW);
    expect(words.effectiveAt.toISOString()).toBe("2027-01-13T09:30:00.000Z");
    expect(words.text).toBe(
      "It takes effect on 13 Jan 2027, 09:30 UTC, at the end of the region's 30-day notice period.",
    );
  });

  it("names a shortened date with the urgent reason customers read", () => {
    const words = effectiveWords(
      change({
        requested_effective_at: "2026-12-20T00:00:00Z",
        urgent_reason: "Mailgrid ends its service on 21 December.",
      }),
      SETTINGS,
      NOW,
    );
    expect(words.effectiveAt.toISOString()).toBe("2026-12-20T00:00:00.000Z");
    expect(words.text).toContain(
      "It takes effect on 20 Dec 2026, 00:00 UTC: sooner than the region's 30-day notice period",
    );
    expect(words.text).toContain("“Mailgrid ends its service on 21 December.”");
  });

  it("names a later date asked for, the end of the notice for a date that is now inside it, and at once when no notice is needed", () => {
    expect(effectiveWords(change({ requested_effective_at: "2027-03-01T00:00:00Z" }), SETTINGS, NOW).text).toBe(
      "It takes effect on 1 Mar 2027, 00:00 UTC, the date asked for (after the region's 30-day notice period).",
    );
    const moved = effectiveWords(change({ requested_effective_at: "2027-01-01T00:00:00Z" }), SETTINGS, NOW);
    expect(moved.effectiveAt.toISOString()).toBe("2027-01-13T09:30:00.000Z");
    expect(moved.text).toContain("the date asked for, 1 Jan 2027, 00:00 UTC, is inside it now");
    expect(effectiveWords(change({ kind: "retire", needs_notice: false }), SETTINGS, NOW).text).toBe(
      "It takes effect at once, on 14 Dec 2026, 09:30 UTC: it gives the subprocessor no more data than before, so no notice period applies.",
    );
  });

  it("says what is announced and to whom", () => {
    const add = change({
      kind: "add",
      before: null,
      after: { ...ENTRY, transfer_mechanism: "sccs", scc_module: 2, locations: ["DE", "US"] },
    });
    expect(announcementWords(add, NAMES)).toBe(
      "Postbox (Postbox GmbH) becomes a subprocessor for Transactional e-mail, processing Contact details (contact_details) in Germany (DE) and United States (US), under Standard contractual clauses, Module 2: controller to processor.",
    );
    expect(audienceWords(add, "Europe (Frankfurt)")).toContain("every tenant homed in Europe (Frankfurt)");
    expect(audienceWords(add, "Europe (Frankfurt)")).toContain("may object until it takes effect");
  });

  it("reads the server's clock, moved on by the time spent on the page", () => {
    expect(serverNow("2026-12-14T09:30:00Z", 1_000, 61_000).toISOString()).toBe("2026-12-14T09:31:00.000Z");
  });
});

describe("who may do what with a change", () => {
  it("gives the compliance officer who proposed it no Approve or Reject, but the four-eyes note", () => {
    const own = reviewSteps(change({ allowed_actions: [], four_eyes: true }));
    expect(own.steps).toEqual([]);
    expect(own.fourEyes).toMatch(/another compliance officer must review it/);
    expect(reviewSteps(change({ allowed_actions: ["reject", "approve"] }))).toEqual({
      steps: ["approve", "reject"],
      fourEyes: null,
    });
    expect(reviewSteps(change({ allowed_actions: ["withdraw"], four_eyes: false })).steps).toEqual(["withdraw"]);
  });

  it("tells a provider admin withdrawing an announced change that customers are told", () => {
    expect(withdrawWords(change({ state: "proposed" }), "Europe (Frankfurt)")).toMatch(/no customer is told/);
    expect(withdrawWords(change({ state: "announced", open_objections: 2 }), "Europe (Frankfurt)")).toBe(
      "Customers are told the announced change is withdrawn: the admins of every tenant homed in Europe (Frankfurt), the register's e-mail subscribers, and the public trust page and feeds. It will not take effect. 2 open objections to it stay in the objection queue to be resolved.",
    );
  });
});

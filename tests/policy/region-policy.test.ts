import { describe, expect, it } from "vitest";
import type { UserActor } from "@/platform/auth/actor";
import { authorize, type RegionAction } from "@/platform/policy/engine";
import { REGION_NAV, regionNavigation } from "@/platform/policy/navigation";
import type { ProviderRoleName, RoleName } from "@/platform/policy/roles";
import { REGION, UNKNOWN_ROLE, sessionOf } from "../helpers/principals";

const ACTIONS: RegionAction[] = [
  "region.tenants.read",
  "region.reviews.read",
  "region.integrity.read",
  "region.support.request",
  "region.ingest.manage",
  "region.subprocessors.manage",
  "region.subprocessors.read",
  "region.subprocessor_objections.resolve",
  "region.governance.read",
  "region.lawful_access.read",
  "region.lawful_access.manage",
  "region.lawful_access.close",
  "region.drills.read",
];

// Y = allowed, . = denied; columns in ACTIONS order.
//                               tenants reviews integrity support.req ingest sp.manage sp.read objections gov la: read manage close drills
const MATRIX: Record<string, string> = {
  customer_admin: /*      */ ".       .       .         .           .      .         .       .          . . . . .",
  customer_viewer: /*      */ ".       .       .         .           .      .         .       .          . . . . .",
  auditor: /*      */ ".       .       .         .           .      .         .       .          . . . . .",
  compliance_officer: /*      */ "Y       Y       Y         .           .      .         Y       Y          Y Y Y Y Y",
  support_engineer: /*      */ "Y       .       .         Y           .      .         .       .          . . . . .",
  provider_admin: /*      */ "Y       .       Y         .           Y      Y         Y       .          Y . . . .",
  unknown_role: /*      */ ".       .       .         .           .      .         .       .          . . . . .",
  no_role: /*      */ ".       .       .         .           .      .         .       .          . . . . .",
};

function rolesFor(row: string): RoleName[] {
  if (row === "no_role") return [];
  if (row === "unknown_role") return [UNKNOWN_ROLE];
  return [row as RoleName];
}

function expected(row: string): Record<RegionAction, boolean> {
  const cells = MATRIX[row]!.trim().split(/\s+/);
  expect(cells).toHaveLength(ACTIONS.length);
  return Object.fromEntries(ACTIONS.map((a, i) => [a, cells[i] === "Y"])) as Record<RegionAction, boolean>;
}

describe("region policy matrix (browser session)", () => {
  for (const row of Object.keys(MATRIX)) {
    it(`${row}: exactly the expected region actions`, () => {
      const principal = sessionOf(rolesFor(row));
      const actual = Object.fromEntries(ACTIONS.map((a) => [a, authorize(principal, a, REGION).allowed]));
      expect(actual).toEqual(expected(row));
    });
  }
});

describe("region navigation follows the same policies", () => {
  const rows: [string, ProviderRoleName | null][] = [
    ["compliance_officer", "compliance_officer"],
    ["support_engineer", "support_engineer"],
    ["provider_admin", "provider_admin"],
    ["no_role", null],
  ];
  for (const [row, providerRole] of rows) {
    it(`${row} sees exactly the region sections the matrix allows`, () => {
      const actor: UserActor = {
        type: "user",
        userId: "user-1",
        email: "user-1@example.test",
        name: "User",
        providerRole,
        employer: null,
        officeCountry: null,
        via: "session",
        tokenId: null,
        tokenTenantId: null,
      };
      const allowed = expected(row);
      expect(regionNavigation(actor, "eu-central-1").map((i) => i.key)).toEqual(
        REGION_NAV.filter((i) => allowed[i.action]).map((i) => i.key),
      );
    });
  }
});

/**
 * Authorization matrix rows: the subprocessor register's public side (auth "none": a credential is
 * not even looked at, so every role and anonymous get the same answer), its feed and trust.json.
 */
import { everyone, type ApiEntry } from "./authz-matrix-types";

const row = (path: string, concrete: string, status: number, note: string): ApiEntry => ({
  kind: "api",
  path,
  method: "GET",
  concrete,
  note,
  expect: everyone(status),
});

export const subprocessorPublicApis: ApiEntry[] = [
  row("/api/v1/subprocessors", "/api/v1/subprocessors", 200, "The register is public, the same for everyone."),
  row("/api/v1/subprocessors", "/api/v1/subprocessors?format=csv", 200, "Its CSV is public."),
  row("/api/v1/subprocessors", "/api/v1/subprocessors?format=pdf", 400, "An unknown format is refused for everyone."),
  row(
    "/api/v1/subprocessors/snapshots",
    "/api/v1/subprocessors/snapshots",
    200,
    "The signed snapshots' list is public.",
  ),
  row(
    "/api/v1/subprocessors/snapshots",
    "/api/v1/subprocessors/snapshots?at=2001-01-01T00:00:00Z",
    404,
    "Before the first snapshot none was in force, for everyone.",
  ),
  row(
    "/api/v1/subprocessors/snapshots/[seq]",
    "/api/v1/subprocessors/snapshots/999999",
    404,
    "An unknown snapshot is not found, for everyone.",
  ),
  row("/api/v1/trust", "/api/v1/trust", 200, "trust.json is public."),
  row("/subprocessors.atom", "/subprocessors.atom", 200, "The Atom feed is public."),
];

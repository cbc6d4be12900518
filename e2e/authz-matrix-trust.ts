/** Authorization matrix rows: the region's public trust page (no sign-in at all). */
import { everyone, type PageEntry } from "./authz-matrix-types";

export const trustPages: PageEntry[] = [
  {
    kind: "page",
    path: "/trust",
    method: "GET",
    concrete: "/trust",
    note: "The region's trust page is public: the same page for everyone, signed in or not.",
    expect: everyone(200),
  },
];

/** Sorting for the kit's Table: pure, so it is unit-tested without a browser. */

export type SortDirection = "ascending" | "descending";
export type SortValue = string | number | boolean | Date | null | undefined;
export interface SortState {
  key: string;
  direction: SortDirection;
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function rank(v: SortValue): number | string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return Number.isNaN(v) ? null : v;
  return v;
}

/** Compares two cell values: numbers by value, text in natural order ("key 2" before "key 10"). */
export function compareSortValues(a: SortValue, b: SortValue): number {
  const x = rank(a);
  const y = rank(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (typeof x === "number" && typeof y === "number") return x - y;
  return collator.compare(String(x), String(y));
}

/**
 * The rows in the asked order; a stable sort, so equal rows keep the order the server gave.
 * Empty values always go last, whatever the direction: "not reported" is never the most or least.
 */
export function sortRows<Row>(rows: readonly Row[], value: (row: Row) => SortValue, direction: SortDirection): Row[] {
  const sign = direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      const aEmpty = rank(a.v) === null;
      const bEmpty = rank(b.v) === null;
      if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.index - b.index : aEmpty ? 1 : -1;
      return sign * compareSortValues(a.v, b.v) || a.index - b.index;
    })
    .map((r) => r.row);
}

/** The state after a click on a column header: a new column sorts ascending, the same one flips. */
export function nextSort(current: SortState | null, key: string): SortState {
  if (current?.key !== key) return { key, direction: "ascending" };
  return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

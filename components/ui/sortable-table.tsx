"use client";

import { useState } from "react";
import { nextSort, type SortState } from "@/components/ui/sort";
import { Table, type TableProps } from "@/components/ui/table";

/** The kit's Table with its order in state: a header click sorts by that column, a second flips it. */
export function SortableTable<Row>({
  initialSort,
  ...props
}: Omit<TableProps<Row>, "sort" | "onSort"> & { initialSort?: SortState }) {
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  return <Table {...props} sort={sort} onSort={(key) => setSort((s) => nextSort(s, key))} />;
}

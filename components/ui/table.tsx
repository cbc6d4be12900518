import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "@/components/ui/cx";
import { sortRows, type SortState, type SortValue } from "@/components/ui/sort";

export interface Column<Row> {
  key: string;
  header: ReactNode;
  /** The header's words for screen readers when `header` is an icon or empty. */
  srHeader?: string;
  cell: (row: Row) => ReactNode;
  /** A column with a sort value can be sorted by clicking (or Enter/Space on) its header. */
  sortValue?: (row: Row) => SortValue;
  /** This column names the row (rendered as `<th scope="row">`). */
  rowHeader?: boolean;
  align?: "left" | "right";
  /** Extra classes of every cell of this column (e.g. "whitespace-nowrap font-mono"). */
  className?: string;
}

export interface TableProps<Row> {
  /** What the table shows, for screen readers (and the table's accessible name). */
  caption: string;
  /** Show the caption above the table instead of only to screen readers. */
  captionVisible?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Said in place of the body when there are no rows. */
  empty: ReactNode;
  /** The order shown; with `onSort`, headers of columns with a sort value become buttons. */
  sort?: SortState | null;
  onSort?: (key: string) => void;
  /** Extra attributes of a row (data attributes, highlight classes). */
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
  /** Caps the height (e.g. "max-h-96"): the body scrolls under the sticky header. */
  maxHeight?: string;
  density?: "compact" | "normal";
  /** False drops the table's own border (inside a card that has one). */
  framed?: boolean;
  className?: string;
  /** The scroll container's id (for aria-controls / aria-describedby from outside). */
  id?: string;
  "data-testid"?: string;
}

/**
 * The one data table: a caption, headers that announce their order (aria-sort), a header that
 * stays visible while the body scrolls, and its own horizontal scroll so a wide table never widens
 * the page on a phone. It holds no state, so server pages render it too; `SortableTable` (client)
 * adds sorting by clicking a header, or Enter/Space on it.
 */
export function Table<Row>(props: TableProps<Row>) {
  const { columns, rows, rowKey, density = "normal", sort = null, onSort } = props;
  const sortColumn = sort ? columns.find((c) => c.key === sort.key) : undefined;
  const sorted = sortColumn?.sortValue && sort ? sortRows(rows, sortColumn.sortValue, sort.direction) : rows;
  const pad = density === "compact" ? "px-2 py-1" : "px-3 py-2";

  return (
    <div
      className={cx(
        "max-w-full overflow-x-auto",
        props.framed !== false && "rounded-lg border border-slate-200 dark:border-slate-800",
        props.maxHeight && `${props.maxHeight} overflow-y-auto`,
        props.className,
      )}
      id={props.id}
      data-testid={props["data-testid"]}
      // A scroll box must be reachable by keyboard (axe: scrollable-region-focusable), and is named for what it holds.
      tabIndex={0}
      role="region"
      aria-label={props.caption}
    >
      <table className="w-full border-collapse text-sm">
        <caption className={props.captionVisible ? "px-3 py-2 text-left text-sm font-medium" : "sr-only"}>
          {props.caption}
        </caption>
        <thead className="sticky top-0 z-10 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            {columns.map((c) => {
              const active = sort?.key === c.key ? sort.direction : undefined;
              const align = c.align === "right" ? "text-right" : "text-left";
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={c.sortValue && onSort ? (active ?? "none") : undefined}
                  className={cx(pad, align, "font-medium")}
                >
                  {c.sortValue && onSort ? (
                    <button
                      type="button"
                      onClick={() => onSort(c.key)}
                      className="inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-900 dark:hover:text-slate-100"
                    >
                      {c.header}
                      {c.srHeader && <span className="sr-only">{c.srHeader}</span>}
                      {active === "ascending" ? (
                        <ArrowUp aria-hidden className="size-3" />
                      ) : active === "descending" ? (
                        <ArrowDown aria-hidden className="size-3" />
                      ) : (
                        <ArrowUpDown aria-hidden className="size-3 opacity-50" />
                      )}
                    </button>
                  ) : (
                    <>
                      {c.header}
                      {c.srHeader && <span className="sr-only">{c.srHeader}</span>}
                    </>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className={cx(pad, "text-slate-600 dark:text-slate-400")}>
                {props.empty}
              </td>
            </tr>
          ) : (
            sorted.map((row) => {
              const extra = props.rowProps?.(row) ?? {};
              return (
                <tr
                  key={rowKey(row)}
                  {...extra}
                  className={cx("border-t border-slate-100 dark:border-slate-800", extra.className)}
                >
                  {columns.map((c) => {
                    const cls = cx(pad, c.align === "right" && "text-right tabular-nums", c.className);
                    return c.rowHeader ? (
                      <th key={c.key} scope="row" className={cx(cls, "text-left font-normal")}>
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td key={c.key} className={cls}>
                        {c.cell(row)}
                      </td>
                    );
                  })}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

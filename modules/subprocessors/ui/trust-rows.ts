/**
 * The trust page's register table rows as HTML text, built once per register read. A register of
 * hundreds of entries is thousands of cells: as React elements each is created, serialised into
 * the page's RSC payload, parsed back and rendered again on every request, which is most of the
 * page's server time (docs/benchmarks.md). As one string the rows cost a string copy per request.
 * Everything interpolated goes through `escapeHtml`; the website is linked only as an https URL
 * (what the register accepts). Pure, so tests read the rows without a browser.
 */
import type { PublicEntry } from "@/modules/subprocessors/api-schemas/public";
import {
  countryWords,
  dayWords,
  mechanismWords,
  regionWords,
  type RegisterNames,
} from "@/modules/subprocessors/ui/register-words";
import { dataClassName, keyCustodyWords } from "@/modules/subprocessors/ui/trust-words";
import { formatDate } from "@/platform/format";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or an attribute value as HTML: safe in an element's content and in a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

// "None stated" is greyed by the table's rule for <i>.
const NONE = "<i>None stated</i>";
const list = (items: string[]) => (items.length ? escapeHtml(items.join(", ")) : NONE);

function websiteHtml(url: string | null): string {
  if (!url) return "";
  const text = escapeHtml(url);
  return /^https:\/\//i.test(url) ? `<br><a href="${text}" rel="noreferrer">${text}</a>` : `<br>${text}`;
}

/** One entry as a table row, every stated field in words; `#subprocessor-<id>` is its anchor. */
export function entryRowHtml(entry: PublicEntry, names: RegisterNames, country: (code: string) => string): string {
  const cells = [
    `${escapeHtml(`${entry.legal_entity} · ${entry.service}`)}${websiteHtml(entry.website)}`,
    escapeHtml(entry.purpose),
    list(entry.data_classes.map((k) => dataClassName(k, names))),
    list(entry.locations.map(country)),
    list(entry.storage_regions.map((r) => regionWords(r, names))),
    escapeHtml(mechanismWords(entry.transfer_mechanism, entry.scc_module)),
    list(entry.certifications),
    escapeHtml(keyCustodyWords(entry.key_custody)),
    entry.dpa_date ? escapeHtml(dayWords(entry.dpa_date)) : NONE,
    `<time datetime="${escapeHtml(entry.effective_at)}">${escapeHtml(formatDate(entry.effective_at))}</time>`,
  ];
  return `<tr id="subprocessor-${escapeHtml(entry.id)}"><th scope="row">${escapeHtml(entry.name)}</th>${cells
    .map((c) => `<td>${c}</td>`)
    .join("")}</tr>`;
}

const built = new WeakMap<readonly PublicEntry[], string>();

/**
 * Every entry's row. Concurrent renders share one register read (trust-page.ts), so they share
 * its rows too; nothing outlives that read.
 */
export function registerRowsHtml(entries: readonly PublicEntry[], names: RegisterNames): string {
  const cached = built.get(entries);
  if (cached !== undefined) return cached;
  // A few countries recur across hundreds of entries: each is named once.
  const countries = new Map<string, string>();
  const country = (code: string) => {
    let words = countries.get(code);
    if (words === undefined) countries.set(code, (words = countryWords(code)));
    return words;
  };
  const html = entries.map((e) => entryRowHtml(e, names, country)).join("");
  built.set(entries, html);
  return html;
}

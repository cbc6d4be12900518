/**
 * Guards for untrusted JSON text, each one linear in the input. JSON.parse, zod and the code
 * after them all walk the tree recursively, and some of that code costs the square of the
 * depth, so nesting is bounded on the raw text before anything parses it.
 */

export const MAX_JSON_DEPTH = 64;

export interface DepthExceeded {
  /** Offset (in UTF-16 code units of the text) of the bracket that went one level too deep. */
  offset: number;
  /** Where in the document that was, as a JSON path: `$.events[3].run.facets`. */
  path: string;
}

interface Level {
  array: boolean;
  /** Array: index of the current element. Object: the current key (raw, as written). */
  index: number;
  key: string | null;
  /** Object: the next string is a key (after `{` or `,`). */
  expectKey: boolean;
}

const MAX_KEY_IN_PATH = 40;

function pathOf(levels: Level[]): string {
  let path = "$";
  for (const level of levels) {
    if (level.array) path += segment(level.index);
    else if (level.key !== null) path += segment(level.key);
  }
  return path;
}

/**
 * One pass over `text`: counts `[` and `{` nesting outside strings (honouring `\` escapes) and
 * reports the first place deeper than `maxDepth`, or null. It does not validate the JSON;
 * JSON.parse does that afterwards, on text whose depth is now known to be bounded.
 */
export function findExcessiveDepth(text: string, maxDepth = MAX_JSON_DEPTH): DepthExceeded | null {
  const levels: Level[] = [];
  let inString = false;
  let stringStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) {
        inString = false;
        const top = levels[levels.length - 1];
        if (top && !top.array && top.expectKey) {
          top.key = text.slice(stringStart, Math.min(i, stringStart + MAX_KEY_IN_PATH + 1));
          top.expectKey = false;
        }
      }
      continue;
    }
    switch (c) {
      case 0x22:
        inString = true;
        stringStart = i + 1;
        break;
      case 0x5b /* [ */:
      case 0x7b /* { */:
        if (levels.length >= maxDepth) return { offset: i, path: pathOf(levels) };
        levels.push({ array: c === 0x5b, index: 0, key: null, expectKey: c === 0x7b });
        break;
      case 0x5d /* ] */:
      case 0x7d /* } */:
        levels.pop();
        break;
      case 0x2c /* , */: {
        const top = levels[levels.length - 1];
        if (top?.array) top.index++;
        else if (top) top.expectKey = true;
        break;
      }
    }
  }
  return null;
}

export interface UnsafeText {
  path: string;
  reason: "NUL character" | "unpaired surrogate";
}

/** NUL (PostgreSQL refuses it in text and jsonb) or a UTF-16 surrogate without its pair (refused in jsonb; not Unicode text). */
export function unsafeTextReason(s: string): UnsafeText["reason"] | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return "NUL character";
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return "unpaired surrogate";
    } else if (c >= 0xdc00 && c <= 0xdfff) return "unpaired surrogate";
  }
  return null;
}

interface Visit {
  value: unknown;
  parent: Visit | null;
  key: string | number;
}

function segment(key: string | number): string {
  if (typeof key === "number") return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key.slice(0, MAX_KEY_IN_PATH))}]`;
}

function visitPath(visit: Visit): string {
  const parts: string[] = [];
  for (let v: Visit | null = visit; v?.parent; v = v.parent) parts.push(segment(v.key));
  return `$${parts.reverse().join("")}`;
}

/**
 * The first string (value or key) in a parsed JSON value that no text column can hold, with
 * its path, or null. Iterative, visits each node once (paths are built only for the answer).
 */
export function findUnsafeText(value: unknown): UnsafeText | null {
  const stack: Visit[] = [{ value, parent: null, key: "" }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const v = visit.value;
    if (typeof v === "string") {
      const reason = unsafeTextReason(v);
      if (reason) return { path: visitPath(visit), reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: visit, key: i });
    } else if (v !== null && typeof v === "object") {
      for (const [key, child] of Object.entries(v)) {
        const childVisit: Visit = { value: child, parent: visit, key };
        const reason = unsafeTextReason(key);
        if (reason) return { path: visitPath(childVisit), reason };
        stack.push(childVisit);
      }
    }
  }
  return null;
}

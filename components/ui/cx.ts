/** Joins class names, skipping the empty ones (so conditional classes read as `cond && "class"`). */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}

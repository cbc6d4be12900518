/** Where focus goes for a key press in a tab list of `count` tabs (WAI-ARIA tabs pattern), or null. */
export function tabTarget(key: string, index: number, count: number): number | null {
  if (key === "ArrowRight") return (index + 1) % count;
  if (key === "ArrowLeft") return (index + count - 1) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

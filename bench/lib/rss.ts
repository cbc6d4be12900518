/**
 * Resident memory of a process and its descendants, from /proc/<pid>/status (VmRSS, Linux): with
 * the embedded database that includes PGlite, which runs inside the instance. Null where /proc
 * is not available or the process is gone.
 */
import { readFileSync } from "node:fs";
import { processTree } from "./cpu";

function vmRssKiB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export function treeRssMiB(rootPid: number | undefined): number | null {
  const tree = processTree(rootPid);
  if (!tree) return null;
  const kib = tree.map((p) => vmRssKiB(p.pid) ?? 0).reduce((a, b) => a + b, 0);
  return Math.round((kib / 1024) * 10) / 10;
}

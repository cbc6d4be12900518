/**
 * CPU time used by a process and its descendants, from /proc (Linux). On a shared machine,
 * requests per second fall with the machine's load; CPU milliseconds per request move much
 * less (contention still inflates them somewhat), so the bench reports both. Null where /proc
 * is not available.
 */
import { readdirSync, readFileSync } from "node:fs";

// Linux reports utime/stime in clock ticks of 1/100 s on every common platform (USER_HZ).
const TICK_MS = 10;

function stat(pid: string): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** The process and all its descendants (pids), or null where /proc is not available. */
export function processTree(rootPid: number | undefined): { pid: number; ticks: number }[] | null {
  if (rootPid === undefined) return null;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    const s = stat(pid);
    if (!s) continue;
    ticks.set(Number(pid), s.ticks);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(pid)]);
  }
  if (!ticks.has(rootPid)) return null;
  const tree: { pid: number; ticks: number }[] = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    tree.push({ pid, ticks: ticks.get(pid) ?? 0 });
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export function treeCpuMs(rootPid: number | undefined): number | null {
  const tree = processTree(rootPid);
  return tree ? tree.reduce((sum, p) => sum + p.ticks, 0) * TICK_MS : null;
}

import { readdirSync, readFileSync } from 'node:fs';
import { processCpuMs } from './process-cpu';

/** The children of a process, from each of its threads' /proc `children` list; none off Linux. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter((field) => field.trim() !== '')
        .map(Number),
    );
  } catch {
    return [];
  }
}

/**
 * CPU time (user + system, ms) used so far by the living descendants of `pid` whose command name
 * matches `command`: e.g. every process of a chromium this process launched. Processes that
 * already exited are not counted. Undefined off Linux.
 */
export function descendantsCpuMs(pid: number, command: RegExp): number | undefined {
  let total: number | undefined;
  const pending = childrenOf(pid);
  for (let child = pending.pop(); child !== undefined; child = pending.pop()) {
    pending.push(...childrenOf(child));
    let name = '';
    try {
      name = readFileSync(`/proc/${child}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    const used = command.test(name) ? processCpuMs(child) : undefined;
    if (used !== undefined) total = (total ?? 0) + used;
  }
  return total;
}

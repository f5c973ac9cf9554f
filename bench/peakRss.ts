/** The most memory this process has had. */
import { readFileSync } from 'node:fs';

/**
 * In KiB. On Linux from /proc (VmHWM): `resourceUsage().maxRSS` keeps, across the fork and exec that start this
 * process, the peak of the process that started it (the bench, with its seeded databases, well over a gigabyte).
 */
export function peakRssKib(): number {
  try {
    const found = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (found?.[1]) return Number(found[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}

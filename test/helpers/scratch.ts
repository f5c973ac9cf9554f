import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The test process's scratch folders, removed when it ends: not when a test ends, as a test may open the same folder
 * again (a restart, a restore) and a file-wide folder serves every test of the file.
 */
const folders: string[] = [];
process.once('exit', () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder under the system's temporary folder, named `safer-<name>-…`. */
export function scratchFolder(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), `safer-${name}-`));
  folders.push(folder);
  return folder;
}

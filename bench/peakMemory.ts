/**
 * Preloaded (`node --import ./bench/peakMemory.ts …`) into a process the bench runs whole, such as the `safer`
 * command: at exit it writes the process's peak resident memory, in KiB, to the file PEAK_MEMORY_FILE names.
 */
import { writeFileSync } from 'node:fs';
import { peakRssKib } from './peakRss.ts';

const file = process.env.PEAK_MEMORY_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(peakRssKib())));

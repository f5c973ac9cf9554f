/** Part 1 of the axe sweep of every page (test/browser/sweep.ts). */
import { sweepPages } from './sweep.ts';

sweepPages(0, 2);

#!/usr/bin/env node
// `npx safer …` runs the TypeScript CLI directly: Node 24 strips the types.
import '../src/cli.ts';

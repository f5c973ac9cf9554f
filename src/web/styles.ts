/** The GOV.UK Frontend stylesheet, compiled once per process with Safer's settings. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const here = dirname(fileURLToPath(import.meta.url));
const nodeModules = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), '..');

let compiled: string | undefined;

export function applicationCss(): string {
  compiled ??= sass.compile(join(here, 'styles', 'application.scss'), {
    loadPaths: [nodeModules],
    style: 'compressed',
    quietDeps: true,
  }).css;
  return compiled;
}

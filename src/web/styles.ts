/** The GOV.UK Frontend stylesheet, compiled once per process with Safer's settings, when first asked for. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const nodeModules = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), '..');

let compiled: Promise<string> | undefined;

/** Sass is loaded with the first request for the stylesheet, not before the server can answer. */
export function applicationCss(): Promise<string> {
  compiled ??= import('sass').then(
    (sass) =>
      sass.compile(join(here, 'styles', 'application.scss'), { loadPaths: [nodeModules], style: 'compressed', quietDeps: true }).css,
  );
  return compiled;
}

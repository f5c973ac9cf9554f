/** What the optional interactive crime maps need from the web layer: Leaflet's files and the tile server's origin. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Config } from '../config.ts';

const require = createRequire(import.meta.url);

/** leaflet.js, leaflet.css and the images the CSS points at, served at /assets/leaflet/. */
export const leafletDist = join(dirname(require.resolve('leaflet/package.json')), 'dist');

/**
 * The CSP source that lets the tile images load, only when a tile server is configured; Leaflet's {s} (the
 * server's subdomains a, b, c) becomes the wildcard, which config.ts allows only as the host's first label.
 */
export function tileImageSources(mapTiles: Config['mapTiles']): string[] {
  if (!mapTiles) return [];
  const url = new URL(mapTiles.urlTemplate);
  return [`${url.protocol}//${url.host.replace('{s}', '*')}`];
}

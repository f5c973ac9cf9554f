// Where a tile server is configured, each crime map's SVG plot is replaced by a Leaflet map of the same
// points on the tiles. Without this script (or JavaScript) the plot stays: it is also what the PDF shows.
// The points come from a JSON block, not an inline script, so the CSP need allow no script of the page's own.
import '/assets/leaflet/leaflet.js';

const { L, document } = globalThis;

// Leaflet puts the attribution in as HTML; the configured text is text.
const asHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function element(name, text) {
  const made = document.createElement(name);
  if (text !== undefined) made.textContent = text;
  return made;
}

function popupFor(point) {
  const popup = element('div');
  popup.append(element('strong', point.location), element('p', `${point.count} ${point.count === 1 ? 'crime' : 'crimes'}`));
  const types = element('ul');
  for (const ring of point.rings) types.append(element('li', `${ring.label}: ${ring.count}`));
  popup.append(types);
  return popup;
}

function legendFor(entries) {
  const legend = L.control({ position: 'bottomright' });
  legend.onAdd = () => {
    const box = element('div');
    box.className = 'leaflet-control leaflet-bar';
    Object.assign(box.style, { background: '#ffffff', padding: '6px 8px', lineHeight: '1.5' });
    for (const entry of entries) {
      const swatch = element('span');
      Object.assign(swatch.style, {
        display: 'inline-block',
        width: '10px',
        height: '10px',
        borderRadius: '50%',
        border: '1px solid #0b0c0c',
        marginRight: '6px',
        background: entry.colour,
      });
      const line = element('div');
      line.append(swatch, `${entry.label} (${entry.count})`);
      box.append(line);
    }
    return box;
  };
  return legend;
}

for (const figure of document.querySelectorAll('[data-crime-map]')) {
  const { tileUrl, tileAttribution } = figure.dataset;
  const json = figure.querySelector('script[type="application/json"]');
  const svg = figure.querySelector('svg');
  if (!tileUrl || !json || !svg) continue;
  const { points, legend } = JSON.parse(json.textContent);
  // With no points there is nothing to find on a map: the plot says so.
  if (points.length === 0) continue;

  const container = element('div');
  const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
  Object.assign(container.style, { width: '100%', aspectRatio: `${width} / ${height}` });
  svg.replaceWith(container);
  json.remove();

  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(tileUrl, { attribution: asHtml(tileAttribution ?? ''), maxZoom: 19 }).addTo(map);
  const bounds = L.latLngBounds([]);
  for (const point of points) {
    const at = [point.latitude, point.longitude];
    // Outermost ring first, as in the plot, so each ring shows around the ones inside it.
    for (const ring of point.rings) {
      L.circleMarker(at, { radius: ring.radius, color: '#0b0c0c', weight: 1, fillColor: ring.colour, fillOpacity: 1 })
        .bindPopup(() => popupFor(point))
        .addTo(map);
    }
    bounds.extend(at);
  }
  legendFor(legend).addTo(map);
  map.fitBounds(bounds, { padding: [30, 30], maxZoom: 17 });
}

// Builds src/Concord.Core/Maps/Data/borders.json: the land borders and coastlines of mainland Southeast Asia and
// southern China (longitude 88–110 E, latitude 5–30 N) from Natural Earth 1:10m (world-atlas, ISC; Natural Earth is in
// the public domain), rounded to 0.001° (about 100 m). The dens map draws them; nothing is fetched at run time.
//   cd tools/borders && npm install && npm run build
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mesh } from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const topology = JSON.parse(readFileSync(join(here, 'node_modules/world-atlas/countries-10m.json'), 'utf8'));
const box = [88, 5, 110, 30];
const inside = ([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
const round = v => Math.round(v * 1000) / 1000;

function clip(multiLine) {
  const lines = [];
  for (const line of multiLine.coordinates) {
    let current = [];
    const flush = () => { if (current.length > 1) lines.push(current); current = []; };
    for (const point of line) {
      if (!inside(point)) { flush(); continue; }
      const p = [round(point[0]), round(point[1])];
      const last = current[current.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) current.push(p);
    }
    flush();
  }
  return lines;
}

const borders = clip(mesh(topology, topology.objects.countries, (a, b) => a !== b));
const coasts = clip(mesh(topology, topology.objects.countries, (a, b) => a === b));
const out = {
  source: 'Natural Earth 1:10m admin 0 countries via world-atlas 2.0.2 (public domain; world-atlas ISC)',
  box, borders, coasts,
};
writeFileSync(join(here, '../../src/Concord.Core/Maps/Data/borders.json'), JSON.stringify(out));
console.log(`${borders.length} border lines, ${coasts.length} coast lines`);

// Draws the app icon (a white shield with a check mark on VssID blue) as SVG and PNG without any dependency:
// `node apps/web/scripts/make-icons.js` rewrites apps/web/public/icon*.{svg,png}. Run it after changing the geometry.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [10, 82, 156];
const WHITE = [255, 255, 255];
const SIZE = 512;

/** Points along a quadratic Bézier, so that the SVG and the PNG draw exactly the same polygon. */
function quad(from, control, to, steps = 24) {
  const points = [];
  for (let i = 1; i <= steps; i += 1) {
    const t = i / steps;
    const a = (1 - t) * (1 - t);
    const b = 2 * (1 - t) * t;
    const c = t * t;
    points.push([a * from[0] + b * control[0] + c * to[0], a * from[1] + b * control[1] + c * to[1]]);
  }
  return points;
}

function shield(scale, offset) {
  const raw = [
    [256, 92],
    ...quad([256, 92], [320, 128], [392, 136]),
    [392, 252],
    ...quad([392, 252], [384, 372], [256, 428]),
    ...quad([256, 428], [128, 372], [120, 252]),
    [120, 136],
    ...quad([120, 136], [192, 128], [256, 92]),
  ];
  return raw.map(([x, y]) => [offset + x * scale, offset + y * scale]);
}

function check(scale, offset) {
  return [
    [186, 262],
    [236, 312],
    [330, 214],
  ].map(([x, y]) => [offset + x * scale, offset + y * scale]);
}

function inPolygon(x, y, polygon) {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function inRoundedSquare(x, y, size, radius) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** The artwork; `maskable` fills the whole square and shrinks the shield into the safe zone. */
function artwork({ maskable }) {
  const scale = maskable ? 0.78 : 1;
  const offset = (SIZE - SIZE * scale) / 2;
  return { maskable, shield: shield(scale, offset), check: check(scale, offset), stroke: 19 * scale };
}

/** The colour at a point, or null for transparent. */
function colourAt(x, y, art) {
  if (!art.maskable && !inRoundedSquare(x, y, SIZE, 96)) return null;
  const [a, b, c] = art.check;
  if (distanceToSegment(x, y, a, b) <= art.stroke || distanceToSegment(x, y, b, c) <= art.stroke) return BLUE;
  if (inPolygon(x, y, art.shield)) return WHITE;
  return BLUE;
}

function render(pixels, options) {
  const art = artwork(options);
  const samples = 4;
  const data = Buffer.alloc(pixels * (pixels * 4 + 1));
  const unit = SIZE / pixels;
  for (let py = 0; py < pixels; py += 1) {
    const row = py * (pixels * 4 + 1);
    data[row] = 0;
    for (let px = 0; px < pixels; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let alpha = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const colour = colourAt((px + (sx + 0.5) / samples) * unit, (py + (sy + 0.5) / samples) * unit, art);
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            alpha += 1;
          }
        }
      }
      const at = row + 1 + px * 4;
      data[at] = alpha ? Math.round(r / alpha) : 0;
      data[at + 1] = alpha ? Math.round(g / alpha) : 0;
      data[at + 2] = alpha ? Math.round(b / alpha) : 0;
      data[at + 3] = Math.round((alpha / (samples * samples)) * 255);
    }
  }
  return png(pixels, data);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, body) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function png(pixels, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(pixels, 0);
  header.writeUInt32BE(pixels, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const path = shield(1, 0)
    .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`)
    .join(' ');
  const tick = check(1, 0)
    .map(([x, y]) => `${x} ${y}`)
    .join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="96" fill="#0a529c"/>
<path d="${path} Z" fill="#fff"/>
<polyline points="${tick}" fill="none" stroke="#0a529c" stroke-width="38" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
}

const out = new URL('../public/', import.meta.url);
writeFileSync(new URL('icon.svg', out), svg());
writeFileSync(new URL('icon-192.png', out), render(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', out), render(512, { maskable: false }));
writeFileSync(new URL('icon-maskable-512.png', out), render(512, { maskable: true }));
writeFileSync(new URL('apple-touch-icon.png', out), render(180, { maskable: true }));

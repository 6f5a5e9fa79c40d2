#!/usr/bin/env node
// `npm run render-resources`: renders the icon's SVG sources in resources/ to the bitmaps that the
// window and electron-builder's installers use, and records what it rendered from in
// resources/render-manifest.json (tests/unit/electron/resources.test.ts checks the bitmaps are up
// to date). The rendered files are committed: packaging never needs this script or its libraries.
//
//   icon.svg      the icon, drawn at 256 units: icon.png, the 48–256 px icon entries, the installer art
//   icon-16.svg   the same signpost on a 16-pixel grid: the 16 and 32 px entries
//   icon-24.svg   the same on a 24-pixel grid: the 24 px entry (the Windows taskbar at 100 %)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { imagesToIco } from 'png-to-ico';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resources = join(root, 'resources');
const NHS_BLUE = '#005EB8';

/** Source text with Windows line endings made Unix ones, so a checkout with autocrlf hashes the same. */
function source(name) {
  return readFileSync(join(resources, name), 'utf8').replace(/\r\n/g, '\n');
}

const icon = source('icon.svg');
const icon16 = source('icon-16.svg');
const icon24 = source('icon-24.svg');

/** The white signpost of icon.svg without its blue tile, for the installer art. */
function signpostGlyph() {
  const match = /<g id="signpost"[\s\S]*<\/g>(?=\s*<\/svg>)/.exec(icon);
  if (!match) throw new Error('resources/icon.svg has no <g id="signpost"> before its closing </svg>.');
  return match[0];
}

/** An SVG rendered at `width` pixels, as straight (not premultiplied) RGBA. */
function render(svg, width) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render().asPng();
  return PNG.sync.read(png);
}

/** A 24-bit Windows bitmap (bottom-up rows, each padded to 4 bytes), as NSIS's MUI pages take. */
function bmp24(image) {
  const { width, height, data } = image;
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + rowSize * height);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10); // where the pixels start
  out.writeUInt32LE(40, 14); // BITMAPINFOHEADER
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22); // positive: bottom-up
  out.writeUInt16LE(1, 26); // planes
  out.writeUInt16LE(24, 28); // bits per pixel
  out.writeUInt32LE(0, 30); // BI_RGB, uncompressed
  out.writeUInt32LE(rowSize * height, 34);
  out.writeInt32LE(2835, 38); // 72 dpi
  out.writeInt32LE(2835, 42);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (data[i + 3] !== 255) throw new Error(`Installer art must be opaque; pixel ${x},${y} is not.`);
      out[row + x * 3] = data[i + 2];
      out[row + x * 3 + 1] = data[i + 1];
      out[row + x * 3 + 2] = data[i];
    }
  }
  return out;
}

/** NSIS welcome and finish pages: 164 × 314, the signpost on NHS blue (the page's text sits beside it). */
const sidebar = `<svg xmlns="http://www.w3.org/2000/svg" width="164" height="314" viewBox="0 0 164 314">
  <rect width="164" height="314" fill="${NHS_BLUE}"/>
  <svg x="12" y="64" width="140" height="140" viewBox="0 0 256 256">${signpostGlyph()}</svg>
</svg>`;

/** NSIS inner pages' header (MUI_HEADERIMAGE_RIGHT): 150 × 57, the icon at the right on the header's white. */
const header = `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="57" viewBox="0 0 150 57">
  <rect width="150" height="57" fill="#FFFFFF"/>
  <svg x="101" y="8" width="41" height="41" viewBox="0 0 256 256">${icon.replace(/^[\s\S]*?<svg[^>]*>|<\/svg>\s*$/g, '')}</svg>
</svg>`;

const iconEntries = [
  render(icon16, 16),
  render(icon24, 24),
  render(icon16, 32),
  ...[48, 64, 128, 256].map((size) => render(icon, size)),
];

const outputs = {
  'icon.png': PNG.sync.write(render(icon, 512)),
  'icon.ico': imagesToIco(iconEntries),
  'installerSidebar.bmp': bmp24(render(sidebar, 164)),
  'installerHeader.bmp': bmp24(render(header, 150)),
};

const sha256 = (content) => createHash('sha256').update(content).digest('hex');
const manifest = {
  about: 'Written by scripts/render-resources.mjs (npm run render-resources); do not edit. The SHA-256 of each source and of each file rendered from them.',
  sources: {
    'resources/icon.svg': sha256(icon),
    'resources/icon-16.svg': sha256(icon16),
    'resources/icon-24.svg': sha256(icon24),
    'scripts/render-resources.mjs': sha256(readFileSync(fileURLToPath(import.meta.url), 'utf8').replace(/\r\n/g, '\n')),
  },
  outputs: {},
};
for (const [name, content] of Object.entries(outputs)) {
  const file = join(resources, name);
  writeFileSync(file, content);
  manifest.outputs[`resources/${name}`] = sha256(content);
  console.log(`${relative(root, file)}  ${content.length} bytes`);
}
writeFileSync(join(resources, 'render-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

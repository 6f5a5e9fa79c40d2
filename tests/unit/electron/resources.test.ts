import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

/**
 * resources/: the icon and the installers' art that electron-builder takes from buildResources,
 * rendered from the SVGs beside them by scripts/render-resources.mjs. These read the committed
 * files as Windows and NSIS will: the ICO's directory and bitmaps, the BMPs' headers.
 */
const root = join(__dirname, '..', '..', '..');
const resources = join(root, 'resources');
const read = (name: string): Buffer => readFileSync(join(resources, name));
const NHS_BLUE = [0x00, 0x5e, 0xb8];
const WHITE = [0xff, 0xff, 0xff];

interface IcoEntry {
  size: number;
  bitsPerPixel: number;
  /** Straight RGBA, top row first. */
  rgba: (x: number, y: number) => number[];
}

/** An ICO's entries, each a 32-bit DIB (a BITMAPINFOHEADER of twice the height, then bottom-up BGRA rows). */
function icoEntries(ico: Buffer): IcoEntry[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + i * 16;
    const size = ico[entry] || 256;
    expect(ico[entry + 1] || 256).toBe(size);
    const bytes = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    expect(offset + bytes).toBeLessThanOrEqual(ico.length);
    expect(ico.readUInt32LE(offset)).toBe(40);
    expect(ico.readInt32LE(offset + 4)).toBe(size);
    expect(ico.readInt32LE(offset + 8)).toBe(size * 2);
    const bitsPerPixel = ico.readUInt16LE(offset + 14);
    const pixels = offset + 40;
    const rgba = (x: number, y: number): number[] => {
      const p = pixels + ((size - 1 - y) * size + x) * 4;
      return [ico[p + 2]!, ico[p + 1]!, ico[p]!, ico[p + 3]!];
    };
    return { size, bitsPerPixel, rgba };
  });
}

interface Bmp {
  width: number;
  height: number;
  bitsPerPixel: number;
  compression: number;
  expectedLength: number;
  rgb: (x: number, y: number) => number[];
}

function bmp(file: Buffer): Bmp {
  expect(file.toString('ascii', 0, 2)).toBe('BM');
  const pixels = file.readUInt32LE(10);
  const width = file.readInt32LE(18);
  const height = file.readInt32LE(22);
  const bitsPerPixel = file.readUInt16LE(28);
  const rowSize = Math.ceil((width * bitsPerPixel) / 32) * 4;
  const rgb = (x: number, y: number): number[] => {
    const p = pixels + (height - 1 - y) * rowSize + x * 3;
    return [file[p + 2]!, file[p + 1]!, file[p]!];
  };
  return { width, height, bitsPerPixel, compression: file.readUInt32LE(30), expectedLength: pixels + rowSize * Math.abs(height), rgb };
}

describe('the app icon', () => {
  const entries = icoEntries(read('icon.ico'));

  it('icon.ico has the sizes Windows asks for, 16 to 256 px, each 32-bit with transparency', () => {
    expect(entries.map((e) => e.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const entry of entries) expect(entry.bitsPerPixel).toBe(32);
  });

  it('is a white signpost on NHS blue even at 16 px: the post, an arm to the right, an arm to the left, the foot', () => {
    const small = entries.find((e) => e.size === 16)!;
    const colour = (x: number, y: number) => small.rgba(x, y).slice(0, 3);
    expect(colour(3, 12)).toEqual(NHS_BLUE); // the tile
    for (const y of [1, 6, 12]) expect(colour(7, y)).toEqual(WHITE); // the post, above, between and below the arms
    expect(colour(12, 3)).toEqual(WHITE); // the upper arm reaches right of the post...
    expect(colour(3, 3)).toEqual(NHS_BLUE); // ...and not left
    expect(colour(3, 8)).toEqual(WHITE); // the lower arm reaches left...
    expect(colour(12, 8)).toEqual(NHS_BLUE); // ...and not right
    expect(colour(5, 14)).toEqual(WHITE); // the foot
    expect(small.rgba(0, 0)[3]).toBeLessThan(128); // rounded corners, transparent outside the tile
  });

  it('icon.png is a square of at least 512 px in NHS blue', () => {
    const png = PNG.sync.read(read('icon.png'));
    expect(png.width).toBe(png.height);
    expect(png.width).toBeGreaterThanOrEqual(512);
    const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
    expect(at(Math.round(png.width * 0.1), Math.round(png.height * 0.5))).toEqual(NHS_BLUE);
    expect(at(Math.round(png.width * 0.5), Math.round(png.height * 0.7))).toEqual(WHITE);
  });
});

describe("the installer's art (NSIS's assisted installer)", () => {
  it.each([
    ['installerSidebar.bmp', 164, 314],
    ['installerHeader.bmp', 150, 57],
  ])('%s is an uncompressed 24-bit bitmap of %i × %i px', (name, width, height) => {
    const file = read(name);
    const image = bmp(file);
    expect(image).toMatchObject({ width, height, bitsPerPixel: 24, compression: 0 });
    expect(file.length).toBe(image.expectedLength);
  });

  it('the sidebar is NHS blue, the header white where the page title sits', () => {
    expect(bmp(read('installerSidebar.bmp')).rgb(4, 4)).toEqual(NHS_BLUE);
    expect(bmp(read('installerHeader.bmp')).rgb(10, 28)).toEqual(WHITE);
  });
});

describe('the licence the installer shows', () => {
  const text = read('license.txt');

  it('is a licence for Signpost', () => {
    expect(text.toString('utf8')).toMatch(/^SIGNPOST END-USER LICENCE\n/);
    expect(text.length).toBeGreaterThan(500);
  });

  it('is plain ASCII, which NSIS shows the same whatever the build machine\'s code page', () => {
    expect([...text].filter((byte) => byte > 0x7e || (byte < 0x20 && byte !== 0x0a && byte !== 0x0d))).toEqual([]);
  });
});

describe('the rendered files', () => {
  const manifest = JSON.parse(read('render-manifest.json').toString('utf8')) as { sources: Record<string, string>; outputs: Record<string, string> };
  const sha256 = (file: string, asText: boolean) => {
    const content = readFileSync(join(root, file));
    return createHash('sha256')
      .update(asText ? content.toString('utf8').replace(/\r\n/g, '\n') : content)
      .digest('hex');
  };

  it('were rendered from the SVGs and the script as they are now (else: npm run render-resources)', () => {
    expect(Object.keys(manifest.sources)).toEqual(expect.arrayContaining(['resources/icon.svg', 'resources/icon-16.svg', 'resources/icon-24.svg', 'scripts/render-resources.mjs']));
    for (const [file, hash] of Object.entries(manifest.sources)) expect(sha256(file, true), file).toBe(hash);
  });

  it('are the files the script wrote, and every bitmap in resources/ is one of them', () => {
    for (const [file, hash] of Object.entries(manifest.outputs)) expect(sha256(file, false), file).toBe(hash);
    const bitmaps = readdirSync(resources).filter((name) => /\.(png|ico|bmp)$/.test(name));
    expect(Object.keys(manifest.outputs).sort()).toEqual(bitmaps.map((name) => `resources/${name}`).sort());
  });
});

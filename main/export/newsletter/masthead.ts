import { PNG } from 'pngjs';

/**
 * The newsletter's one picture: a white signpost on an NHS-blue rounded square, drawn pixel by
 * pixel with pngjs (pure JavaScript, no browser, no canvas), so the e-mail carries a real embedded
 * image (by cid) while none of its content depends on pictures that Outlook may block.
 */

const SIZE = 96;
const BLUE = [0x00, 0x5e, 0xb8] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

let cached: Buffer | null = null;

function inRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), SIZE - 1 - radius);
  const cy = Math.min(Math.max(y, radius), SIZE - 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** A board of the signpost: a rectangle with an arrow point on one side. */
function inBoard(x: number, y: number, top: number, left: number, right: number, pointsRight: boolean): boolean {
  const height = 16;
  if (y < top || y >= top + height) return false;
  const mid = top + height / 2;
  const tip = height / 2;
  if (pointsRight) return x >= left && x <= right + tip - Math.abs(y + 0.5 - mid);
  return x <= right && x >= left - tip + Math.abs(y + 0.5 - mid);
}

export function mastheadPng(): Buffer {
  if (cached) return cached;
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      const i = (y * SIZE + x) * 4;
      const inside = inRoundedSquare(x, y, 18);
      const post = x >= 44 && x < 52 && y >= 18 && y < 82;
      const base = y >= 78 && y < 84 && x >= 32 && x < 64;
      const boards = inBoard(x, y, 22, 30, 70, true) || inBoard(x, y, 44, 26, 66, false);
      const colour = post || base || boards ? WHITE : BLUE;
      png.data[i] = colour[0];
      png.data[i + 1] = colour[1];
      png.data[i + 2] = colour[2];
      png.data[i + 3] = inside ? 255 : 0;
    }
  }
  cached = PNG.sync.write(png);
  return cached;
}

export const MASTHEAD_CID = 'masthead@signpost.local';

// Highlight or black out areas of a screenshot, on raw RGBA pixels: pure, so it is tested
// without a canvas; the editor only decodes and encodes.
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Mark {
  kind: 'highlight' | 'blackout';
  rect: Rect;
}

const HIGHLIGHT = [255, 196, 0];
const BORDER = 4;

function clamp(rect: Rect, width: number, height: number): Rect {
  const x = Math.max(0, Math.min(width, Math.round(Math.min(rect.x, rect.x + rect.w))));
  const y = Math.max(0, Math.min(height, Math.round(Math.min(rect.y, rect.y + rect.h))));
  const x2 = Math.max(0, Math.min(width, Math.round(Math.max(rect.x, rect.x + rect.w))));
  const y2 = Math.max(0, Math.min(height, Math.round(Math.max(rect.y, rect.y + rect.h))));
  return { x, y, w: x2 - x, h: y2 - y };
}

/** A new image with the marks applied: black boxes are opaque black, highlights a tinted frame. */
export function applyMarks(image: Pixels, marks: readonly Mark[]): Pixels {
  const data = new Uint8ClampedArray(image.data);
  for (const mark of marks) {
    const r = clamp(mark.rect, image.width, image.height);
    for (let y = r.y; y < r.y + r.h; y++) {
      for (let x = r.x; x < r.x + r.w; x++) {
        const i = (y * image.width + x) * 4;
        if (mark.kind === 'blackout') {
          data[i] = 0;
          data[i + 1] = 0;
          data[i + 2] = 0;
          data[i + 3] = 255;
          continue;
        }
        const edge = x - r.x < BORDER || r.x + r.w - 1 - x < BORDER || y - r.y < BORDER || r.y + r.h - 1 - y < BORDER;
        const a = edge ? 1 : 0.25;
        for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c] ?? 0) * (1 - a) + (HIGHLIGHT[c] ?? 0) * a);
        data[i + 3] = 255;
      }
    }
  }
  return { width: image.width, height: image.height, data };
}

/** A drag on the displayed image (CSS pixels) → a rectangle in the image's own pixels. */
export function toImageRect(drag: Rect, shown: { width: number; height: number }, image: { width: number; height: number }): Rect {
  const sx = image.width / shown.width;
  const sy = image.height / shown.height;
  return { x: drag.x * sx, y: drag.y * sy, w: drag.w * sx, h: drag.h * sy };
}

import { describe, expect, it } from 'vitest';
import { applyMarks, toImageRect, type Pixels } from '@/lib/capture/annotate';

function image(width: number, height: number, rgb: [number, number, number]): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return { width, height, data };
}
const at = (img: Pixels, x: number, y: number) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));

describe('applyMarks', () => {
  it('blacks out exactly the area, on a new image', () => {
    const src = image(40, 30, [255, 0, 170]);
    const out = applyMarks(src, [{ kind: 'blackout', rect: { x: 10, y: 5, w: 10, h: 10 } }]);
    expect(at(out, 15, 10)).toEqual([0, 0, 0]);
    expect(at(out, 10, 5)).toEqual([0, 0, 0]);
    expect(at(out, 20, 15)).toEqual([255, 0, 170]); // just outside
    expect(at(src, 15, 10)).toEqual([255, 0, 170]); // the original is untouched
  });

  it('highlights with a solid frame and a tint inside', () => {
    const out = applyMarks(image(40, 40, [255, 255, 255]), [{ kind: 'highlight', rect: { x: 5, y: 5, w: 20, h: 20 } }]);
    expect(at(out, 5, 5)).toEqual([255, 196, 0]); // frame
    const inside = at(out, 15, 15);
    expect(inside).not.toEqual([255, 255, 255]);
    expect(inside[2]).toBeLessThan(255);
    expect(at(out, 30, 30)).toEqual([255, 255, 255]);
  });

  it('accepts drags in any direction and clips to the image', () => {
    const out = applyMarks(image(10, 10, [9, 9, 9]), [{ kind: 'blackout', rect: { x: 12, y: 12, w: -5, h: -5 } }]);
    expect(at(out, 9, 9)).toEqual([0, 0, 0]);
    expect(at(out, 6, 6)).toEqual([9, 9, 9]);
  });

  it('maps a drag on the shown image to image pixels', () => {
    expect(toImageRect({ x: 10, y: 20, w: 30, h: 40 }, { width: 320, height: 200 }, { width: 1280, height: 800 })).toEqual({ x: 40, y: 80, w: 120, h: 160 });
  });
});

// Wires the popup's first frame (stores/first-paint.ts) to this browser: the frame read from the
// extension origin's Web Storage and the tab asked for without the polyfill
// (lib/platform/first-frame.ts), painted by ./paint. Used by the first frame's classic script
// (entrypoints/first-frame.ts) and, when that did not run, by the module (main.ts).
import { isFirstFrame } from '@/lib/catalog/first-frame';
import { afterFrame } from '@/lib/platform/after-frame';
import { frameTabUrl, readFirstFrame, readTyped } from '@/lib/platform/first-frame';
import { beginFirstPaint as begin, type FirstPaint } from '@/stores/first-paint';
import { paintFirstFrame } from './paint';

export { handOff, takeFirstPaint, type FirstPaint } from '@/stores/first-paint';

/** Starts the first frame in `doc` (the popup's root must be parsed already). */
export const beginFirstPaint = (doc: Document, where: Pick<Location, 'search' | 'hash'>, now: () => number): FirstPaint =>
  begin(doc, where, {
    now,
    readFrame: () => readFirstFrame(isFirstFrame),
    tabUrl: frameTabUrl,
    paint: (root, frame, url, at, early) => paintFirstFrame(root, frame, url, at, early, readTyped(at)),
    afterFrame: (task) => afterFrame(task),
  });

// After the frame is on screen; a page that draws no frame does not hold the task back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFrame, FRAME_FALLBACK_MS } from '@/lib/platform/after-frame';

describe('afterFrame', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the task in a task posted by the next animation frame, once', () => {
    let frame: (() => void) | undefined;
    const task = vi.fn();
    afterFrame(task, { requestAnimationFrame: (cb) => (frame = cb), setTimeout: (t, ms) => setTimeout(t, ms) });
    expect(task).not.toHaveBeenCalled();
    frame?.();
    expect(task).not.toHaveBeenCalled(); // the frame is drawn after its callbacks
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(FRAME_FALLBACK_MS);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs it all the same when no frame comes (a hidden page)', () => {
    const task = vi.fn();
    afterFrame(task, { requestAnimationFrame: () => undefined, setTimeout: (t, ms) => setTimeout(t, ms) });
    vi.advanceTimersByTime(FRAME_FALLBACK_MS - 1);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
  });
});

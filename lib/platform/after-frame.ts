// "Once the frame just painted is on screen": an animation frame callback runs before that frame
// is drawn, so the task goes in the task it posts. A page that draws no frame (hidden: a
// background tab, a Firefox popup loaded before it is shown) runs it after FRAME_FALLBACK_MS all
// the same, so nothing waiting on it hangs.

export const FRAME_FALLBACK_MS = 100;

export interface FrameClock {
  requestAnimationFrame?(callback: () => void): unknown;
  setTimeout(task: () => void, ms: number): unknown;
}

export function afterFrame(task: () => void, clock: FrameClock = globalThis): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    task();
  };
  clock.requestAnimationFrame?.(() => clock.setTimeout(once, 0));
  clock.setTimeout(once, FRAME_FALLBACK_MS);
}

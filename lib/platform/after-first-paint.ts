// The popup's module graph (React and its views), started by the first frame's script once that
// frame is on screen. The build (wxt.config.ts) takes the module script and its preloads out of
// popup.html and names them on the first frame's script (data-module, data-preload): left in the
// HTML, the preload scanner fetches them beside the first frame's script, and the browser
// compiles and runs them while it is still presenting the first frame (on two loaded cores the
// bench measured the popup at 1.7× the empty page that way; started after the paint, ~1.3×).

/** At the latest this long after the first frame's script ran, the module is started anyway. */
export const LATE_MODULE_MS = 300;

/** What is read off the first frame's script element. */
export interface LateModule {
  /** The module script's address. */
  src: string;
  /** Modules it imports, to fetch at the same time. */
  preload: string[];
}

/** The module named on `script` (data-module, data-preload), or undefined when none is. */
export function lateModuleOf(script: HTMLOrSVGScriptElement | null): LateModule | undefined {
  const src = script instanceof HTMLElement ? script.dataset.module : undefined;
  if (!src) return undefined;
  const preload = ((script as HTMLElement).dataset.preload ?? '').split(' ').filter(Boolean);
  return { src, preload };
}

interface Clock {
  setTimeout(run: () => void, ms: number): unknown;
  PerformanceObserver?: typeof PerformanceObserver;
}

/**
 * Adds the module script to `doc`: at once when `painted` is false (nothing to wait for), else
 * when the browser reports the page's first paint (reported once it is presented), or after
 * LATE_MODULE_MS, whichever is first. Once.
 */
export function startModuleAfterPaint(doc: Document, module: LateModule, painted: boolean, clock: Clock = globalThis): void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    // The module first (it is fetched first), then what it will ask for, fetched meanwhile.
    const script = doc.createElement('script');
    script.type = 'module';
    script.src = module.src;
    doc.body.append(script);
    for (const href of module.preload) {
      const link = doc.createElement('link');
      link.rel = 'modulepreload';
      link.href = href;
      doc.head.append(link);
    }
  };
  if (!painted || !clock.PerformanceObserver) return start();
  try {
    new clock.PerformanceObserver((_, observer) => {
      observer.disconnect();
      start();
    }).observe({ type: 'paint', buffered: true });
  } catch {
    return start();
  }
  clock.setTimeout(start, LATE_MODULE_MS);
}

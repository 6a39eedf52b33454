// @vitest-environment jsdom
// The popup's module is started by the first frame's script: at once when nothing was painted,
// else once the browser reports the first paint (or after LATE_MODULE_MS), and only once.
import { beforeEach, describe, expect, it } from 'vitest';
import { LATE_MODULE_MS, lateModuleOf, startModuleAfterPaint } from '@/lib/platform/after-first-paint';

const module = { src: '/chunks/popup-abc.js', preload: ['/chunks/a.js', '/chunks/b.js'] };
const started = () => [...document.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src'));
const preloaded = () => [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute('href'));

/** A browser whose first paint and timer are reported when the test says so. */
function fakeBrowser(opts: { throws?: boolean } = {}) {
  const observers: { report: () => void; disconnected: boolean }[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  class Observer {
    private entry: { report: () => void; disconnected: boolean };
    constructor(callback: PerformanceObserverCallback) {
      this.entry = { report: () => !this.entry.disconnected && callback({} as PerformanceObserverEntryList, this as unknown as PerformanceObserver), disconnected: false };
    }
    observe(options: PerformanceObserverInit) {
      if (opts.throws) throw new TypeError('type not supported');
      expect(options.type).toBe('paint');
      observers.push(this.entry);
    }
    disconnect() {
      this.entry.disconnected = true;
    }
  }
  return {
    clock: { setTimeout: (run: () => void, ms: number) => timers.push({ run, ms }), PerformanceObserver: Observer as unknown as typeof PerformanceObserver },
    paint: () => observers.forEach((o) => o.report()),
    timers,
  };
}

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '<div id="root"></div>';
});

describe('the popup module after the first frame', () => {
  it('reads the module and its preloads off the first frame script, and nothing when none is named', () => {
    const script = document.createElement('script');
    script.dataset.module = module.src;
    script.dataset.preload = module.preload.join(' ');
    expect(lateModuleOf(script)).toEqual(module);
    script.dataset.preload = '';
    expect(lateModuleOf(script)).toEqual({ src: module.src, preload: [] });
    expect(lateModuleOf(document.createElement('script'))).toBeUndefined();
    expect(lateModuleOf(null)).toBeUndefined();
  });

  it('starts at once when no frame was painted', () => {
    const browser = fakeBrowser();
    startModuleAfterPaint(document, module, false, browser.clock);
    expect(started()).toEqual([module.src]);
    expect(preloaded()).toEqual(module.preload);
  });

  it('waits for the first paint when a frame was painted, then starts once', () => {
    const browser = fakeBrowser();
    startModuleAfterPaint(document, module, true, browser.clock);
    expect(started()).toEqual([]);
    browser.paint();
    expect(started()).toEqual([module.src]);
    browser.paint();
    browser.timers.forEach((t) => t.run());
    expect(started()).toEqual([module.src]);
    expect(preloaded()).toEqual(module.preload);
  });

  it('starts after LATE_MODULE_MS when no paint is reported', () => {
    const browser = fakeBrowser();
    startModuleAfterPaint(document, module, true, browser.clock);
    expect(browser.timers.map((t) => t.ms)).toEqual([LATE_MODULE_MS]);
    browser.timers.forEach((t) => t.run());
    expect(started()).toEqual([module.src]);
  });

  it('starts at once where paint entries cannot be observed', () => {
    const browser = fakeBrowser({ throws: true });
    startModuleAfterPaint(document, module, true, browser.clock);
    expect(started()).toEqual([module.src]);
    startModuleAfterPaint(document, module, true, { setTimeout: browser.clock.setTimeout });
    expect(started()).toEqual([module.src, module.src]);
  });
});

// Reads a tab for the page context: the page's own facts through an injected function, the
// visible area as a PNG, and the browser's facts. Anything refused becomes a gap, not an error.
import { browser } from 'wxt/browser';
import type { BrowserFacts, CaptureParts } from '../capture/context';
import { readPage, type PageFacts } from '../capture/page';
import { sleep } from '../domain';

async function targetTab(tabId?: number) {
  if (tabId !== undefined) return browser.tabs.get(tabId);
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' });
  return tab;
}

export async function browserFacts(): Promise<BrowserFacts> {
  const ua = navigator.userAgent;
  const m = /(Edg|Firefox|Chrome|Chromium)\/(\d+)/.exec(ua);
  const names: Record<string, string> = { Edg: 'Edge', Firefox: 'Firefox', Chrome: 'Chrome', Chromium: 'Chromium' };
  const info = await browser.runtime.getPlatformInfo().catch(() => undefined);
  const os: Record<string, string> = { mac: 'macOS', win: 'Windows', linux: 'Linux', cros: 'ChromeOS', android: 'Android', openbsd: 'OpenBSD' };
  return {
    browser: m ? `${names[m[1] ?? ''] ?? m[1]} ${m[2]}` : ua,
    os: info ? (os[info.os] ?? info.os) : '',
    language: navigator.language,
  };
}

/**
 * Chrome refuses more than two captures a second, and a capture can fail while the browser is
 * busy ("image readback failed"): one more try, after the quota's second, before the screenshot
 * counts as not captured.
 */
export const CAPTURE_RETRY_MS = 600;

async function captureVisible(windowId: number, wait: (ms: number) => Promise<void>): Promise<string | undefined> {
  const once = () => browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  try {
    return await once();
  } catch {
    await wait(CAPTURE_RETRY_MS);
    return once().catch(() => undefined);
  }
}

export async function captureTab(tabId?: number, wait = sleep): Promise<CaptureParts> {
  const tab = await targetTab(tabId).catch(() => undefined);
  const parts: CaptureParts = { browser: await browserFacts(), tab: { url: tab?.url, title: tab?.title } };
  if (tab?.id === undefined) return parts;
  const [page, screenshot] = await Promise.all([
    browser.scripting
      .executeScript({ target: { tabId: tab.id }, func: readPage })
      .then((results) => results[0]?.result as PageFacts | undefined)
      .catch(() => undefined),
    tab.active ? captureVisible(tab.windowId, wait) : Promise.resolve(undefined),
  ]);
  if (page) parts.page = page;
  if (screenshot) parts.screenshot = screenshot;
  return parts;
}

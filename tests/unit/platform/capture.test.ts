// The page context's screenshot: a capture the browser refuses once (Chrome's two-a-second quota,
// or "image readback failed" on a busy machine) is tried once more; refused twice, the screenshot
// is not captured and the rest of the context is still read.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAPTURE_RETRY_MS, captureTab } from '@/lib/platform/capture';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

beforeEach(async () => {
  vi.restoreAllMocks();
  vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0', language: 'en' });
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime, 'getPlatformInfo').mockResolvedValue({ os: 'linux', arch: 'x86-64', nacl_arch: 'x86-64' } as never);
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([] as never);
});

afterEach(() => vi.unstubAllGlobals());

async function activeTab(): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url: 'https://intranet.example/room', active: true });
  return tab.id!;
}

describe('captureTab', () => {
  it('tries a refused capture once more, after the quota’s second', async () => {
    const tabId = await activeTab();
    const capture = vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockRejectedValueOnce(new Error('image readback failed')).mockResolvedValueOnce(PNG as never);
    const waits: number[] = [];
    const parts = await captureTab(tabId, async (ms) => void waits.push(ms));
    expect(parts.screenshot).toBe(PNG);
    expect(capture).toHaveBeenCalledTimes(2);
    expect(waits).toEqual([CAPTURE_RETRY_MS]);
    expect(CAPTURE_RETRY_MS).toBeGreaterThanOrEqual(500);
  });

  it('keeps the rest of the context when the capture is refused twice', async () => {
    const tabId = await activeTab();
    const capture = vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockRejectedValue(new Error('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND'));
    const parts = await captureTab(tabId, async () => {});
    expect(capture).toHaveBeenCalledTimes(2);
    expect(parts.screenshot).toBeUndefined();
    expect(parts.tab?.url).toBe('https://intranet.example/room');
    expect(parts.browser.os).toBe('Linux');
  });

  it('captures once when the browser answers', async () => {
    const tabId = await activeTab();
    const capture = vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockResolvedValue(PNG as never);
    const wait = vi.fn(async () => {});
    expect((await captureTab(tabId, wait)).screenshot).toBe(PNG);
    expect(capture).toHaveBeenCalledTimes(1);
    expect(wait).not.toHaveBeenCalled();
  });
});

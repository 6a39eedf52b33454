// The real built extension in Debian's Chromium (see ../shared/notes/chromium.md).
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', '..', '.output', 'e2e', 'chrome-mv3');

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  url(path: string): string;
  close(): Promise<void>;
}

export async function launch(options: { headless?: boolean; dir?: string } = {}): Promise<Launched> {
  const dir = options.dir ?? EXTENSION_DIR;
  const profile = mkdtempSync(join(tmpdir(), 'instant-desk-profile-'));
  const headless = options.headless ?? true;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    viewport: { width: 1280, height: 800 },
    args: [
      ...(headless ? ['--headless=new'] : []),
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the popup UI for a tab in its own small window, as the report window does. */
export async function openPopupFor(app: Launched, tabUrl: string): Promise<Page> {
  const pageEvent = app.context.waitForEvent('page', (p) => p.url().includes('popup.html'));
  await app.worker.evaluate(async (target) => {
    const tab = (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === target);
    if (!tab?.id) throw new Error(`no tab for ${target}`);
    await chrome.windows.create({ url: `popup.html?tab=${tab.id}`, type: 'popup', width: 400, height: 640 });
  }, tabUrl);
  const page = await pageEvent;
  await page.waitForLoadState('domcontentloaded');
  return page;
}

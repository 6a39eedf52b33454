// The real built extension in Debian's Chromium, launched by the same code as the demo.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopupFor as openPopupWindow, type App } from '../../../scripts/lib/chromium.mjs';

export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', '..', '.output', 'e2e', 'chrome-mv3');

export interface Launched extends App {
  extensionId: string;
  close(): Promise<void>;
}

/** `profile`: start on this profile folder and keep it (to start the browser again on it). */
export async function launch(options: { profile?: string } = {}): Promise<Launched> {
  const app = await launchWithExtension(EXTENSION_DIR, options);
  return {
    ...app,
    extensionId: app.id,
    async close() {
      await app.context.close();
    },
  };
}

/** Opens the popup UI for a tab in its own small window, as the report window does. */
export async function openPopupFor(app: Launched, tabUrl: string): Promise<Page> {
  const page = await openPopupWindow(app, tabUrl);
  await page.waitForLoadState('domcontentloaded');
  return page;
}


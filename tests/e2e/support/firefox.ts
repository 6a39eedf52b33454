// Debian's Firefox ESR driven over WebDriver BiDi (puppeteer-core, no driver binary), with the
// built Firefox MV3 extension installed temporarily. The moz-extension:// UUID is pinned by a
// preference, so the extension's pages have known addresses (../shared/notes/firefox.md).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', '..', '.output', 'e2e', 'firefox-mv3');
const GECKO_ID = 'instant-desk@instantdesk.example';

export interface FirefoxApp {
  browser: Browser;
  url(path: string): string;
  /** Opens an extension page; Firefox may never report its navigation done, so this polls. */
  open(path: string): Promise<Page>;
  /** Opens an extension page in a small window of its own, from another extension page. */
  openWindow(path: string, from: Page): Promise<Page>;
  close(): Promise<void>;
}

export const hasFirefox = () => existsSync(FIREFOX);

export async function launchFirefox(): Promise<FirefoxApp> {
  const uuid = randomUUID();
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) },
  });
  await firefox.installExtension(FIREFOX_EXTENSION_DIR);
  const url = (path: string) => `moz-extension://${uuid}/${path}`;
  return {
    browser: firefox,
    url,
    async open(path) {
      const page = await firefox.newPage();
      await visit(page, url(path), () => document.readyState === 'complete' && Boolean(document.querySelector('#root')?.childElementCount));
      return page;
    },
    async openWindow(path, from) {
      // A window of its own, as the report window: the page's tab stays visible for the screenshot.
      await from.evaluate((u) => browser.windows.create({ url: u, type: 'popup', width: 400, height: 640 }).then(() => undefined), url(path));
      const deadline = Date.now() + 20_000;
      for (;;) {
        for (const page of await firefox.pages()) {
          const href = await page.evaluate(() => location.href).catch(() => '');
          const ready = await page.evaluate(() => Boolean(document.querySelector('#root')?.childElementCount)).catch(() => false);
          if (href === url(path) && ready) return page;
        }
        if (Date.now() > deadline) throw new Error(`${path} did not open in a window`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => firefox.close(),
  };
}

/** Navigates without trusting the navigation promise, then waits until `ready` holds. */
export async function visit(page: Page, url: string, ready: () => boolean = () => document.readyState === 'complete'): Promise<void> {
  page.goto(url).catch(() => undefined);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await page.evaluate(ready).catch(() => false);
    if (ok && (await page.evaluate(() => location.href).catch(() => '')) === url) return;
    if (Date.now() > deadline) throw new Error(`${url} did not load`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The form control a visible label names (labels start with the field's name). */
export async function byLabel(page: Page, label: string): Promise<string> {
  const id = await page.evaluate((text) => {
    const found = [...document.querySelectorAll('label')].find((l) => (l.textContent ?? '').trim().startsWith(text));
    return found?.htmlFor ?? '';
  }, label);
  if (!id) throw new Error(`no control labelled "${label}"`);
  return `[id="${id}"]`;
}

/** Sets a React-controlled input or select the way typing or choosing does. */
export async function setValue(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.evaluate(
    (sel, v) => {
      const el = document.querySelector(sel) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
      const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, v);
      el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    },
    selector,
    value,
  );
}

/**
 * Clicks the button whose text is exactly `text`, with real input events: Firefox grants
 * permission requests only inside a user's own click.
 */
export async function clickButton(page: Page, text: string): Promise<void> {
  await page.click(`::-p-xpath(//button[normalize-space()="${text}"])`);
}

/** Waits until `predicate` (run in the page, given `args`) returns something truthy, and returns it. */
export async function until<T>(page: Page, predicate: (...args: string[]) => T, timeoutMs = 20_000, ...args: string[]): Promise<NonNullable<T>> {
  try {
    const handle = await page.waitForFunction(predicate, { timeout: timeoutMs, polling: 100 }, ...args);
    return (await handle.jsonValue()) as NonNullable<T>;
  } catch (err) {
    // What the page showed instead, so a failure says more than "timeout".
    const shown = await page.evaluate(() => document.body?.innerText.replace(/\s+/g, ' ').slice(0, 600)).catch(() => '?');
    throw new Error(`${(err as Error).message}\nwaiting for: ${predicate.toString()}\npage shows: ${shown}`, { cause: err });
  }
}

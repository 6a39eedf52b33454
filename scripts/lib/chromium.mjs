// Debian's Chromium with a built extension loaded (see ../shared/notes/chromium.md); shared
// by the demo, the screenshot script and the benchmarks.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** The command-line flags of a Chromium that loads the built extension in `dir` and nothing else. */
export const extensionFlags = (dir, { headless = true } = {}) => [
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
];

/** `profile`: a profile folder to start from and keep (a browser started again on it); else a new one, removed on close. */
export async function launchWithExtension(dir, { headless = true, colorScheme = 'light', viewport = { width: 1280, height: 800 }, args = [], profile: kept } = {}) {
  const profile = kept ?? mkdtempSync(join(tmpdir(), 'instant-desk-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    colorScheme,
    viewport,
    args: [...extensionFlags(dir, { headless }), ...args],
  });
  context.on('close', () => {
    if (kept) return;
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // Chromium may still be writing its last files: a leftover temporary profile is harmless.
    }
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  return { context, worker, id, profile, url: (path) => `chrome-extension://${id}/${path}` };
}

/**
 * Fills the options page as a person would (the same steps as tests/e2e/pages/options.ts): the
 * Request Tracker desk with a personal token, added or (when one is listed) edited; waits for
 * the departments found and returns the options page.
 */
export async function configureDesk(app, baseUrl, token) {
  const page = await app.context.newPage();
  await page.goto(app.url('options.html'));
  await page.locator('#desks[aria-busy="false"]').waitFor();
  const address = page.getByLabel('Desk address', { exact: true });
  if (!(await address.isVisible())) {
    const edit = page.getByRole('list', { name: 'Configured desks' }).getByRole('button', { name: /^Edit / });
    await ((await edit.count()) > 0 ? edit.first() : page.getByRole('button', { name: 'Add a desk' })).click();
    await address.waitFor();
  }
  const kind = page.getByLabel('Desk software', { exact: true });
  if (await kind.isEnabled()) await kind.selectOption('rt');
  // A saved desk keeps its address (read-only); a new one is typed in.
  if (await address.isEditable()) await address.fill(baseUrl);
  await page.getByLabel('With a personal token').check();
  await page.getByLabel('Personal token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.result').waitFor({ timeout: 30_000 });
  return page;
}

/** Saves a catalog configuration (cards, keywords, rules) through the options page's editor. */
export async function configureCatalog(app, config) {
  const page = await app.context.newPage();
  await page.goto(app.url('options.html'));
  await page.getByLabel('Catalog configuration (JSON)').fill(JSON.stringify(config, null, 2));
  await page.getByRole('button', { name: 'Save catalog' }).click();
  await page.getByText('Saved', { exact: true }).first().waitFor();
  await page.close();
}

/**
 * Clicks the toolbar button for a tab, as a person does (CDP Extensions.triggerAction, which
 * needs the tab target, not the page). Chromium then grants activeTab for that tab, which
 * tabs.captureVisibleTab needs: the build's host permissions are not enough for it (it asks
 * for <all_urls> or activeTab), and a window opened by the extension itself grants nothing.
 */
export async function clickToolbarButton(app, tabUrl) {
  const cdp = await app.context.browser().newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.url === tabUrl);
    if (!tab) throw new Error(`no tab shows ${tabUrl}`);
    await cdp.send('Extensions.triggerAction', { id: app.id, targetId: tab.targetId });
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Opens the popup UI for a tab in a small window, as the report window does. */
export async function openPopupFor(app, tabUrl) {
  const event = app.context.waitForEvent('page', (p) => p.url().includes('popup.html'));
  await app.worker.evaluate(async (u) => {
    const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
    await chrome.windows.create({ url: `popup.html?tab=${tab.id}`, type: 'popup', width: 400, height: 640 });
  }, tabUrl);
  return event;
}

/** The local intranet page the demo and tests report on. */
export async function serveSite() {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(ROOT, 'tests', 'e2e', 'site', 'report-me.html')));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/report-me.html`, close: () => server.close() };
}

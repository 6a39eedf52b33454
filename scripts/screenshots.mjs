#!/usr/bin/env node
// Screenshots of the popup (departments, form with context, confirmation) and the options
// page, light and dark, into .output/screenshots/ to look at. Needs the desk and e2e build.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:http';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, '.output', 'e2e', 'chrome-mv3');
const out = join(root, '.output', 'screenshots');
mkdirSync(out, { recursive: true });
const tokens = JSON.parse(readFileSync(join(root, '.desk', 'tokens.json'), 'utf8'));
const site = createServer((_, res) => res.end(readFileSync(join(root, 'tests', 'e2e', 'site', 'report-me.html'))));
await new Promise((r) => site.listen(0, '127.0.0.1', r));
const pageUrl = `http://127.0.0.1:${site.address().port}/report-me.html?token=abc123def`;

for (const scheme of ['light', 'dark']) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'shots-')), {
    executablePath: '/usr/bin/chromium', headless: true, colorScheme: scheme,
    args: ['--headless=new', `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 820 });
  await options.goto(`chrome-extension://${id}/options.html`);
  await options.getByLabel('Desk address', { exact: true }).fill('http://127.0.0.1:18080');
  await options.getByLabel('Personal token', { exact: true }).fill(tokens.alice);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.locator('.result').waitFor();
  await options.screenshot({ path: join(out, `options-${scheme}.png`) });
  const page = await context.newPage();
  await page.goto(pageUrl);
  await page.evaluate(() => { const r = document.createRange(); r.selectNodeContents(document.getElementById('quote')); getSelection().addRange(r); });
  const popupEvent = context.waitForEvent('page', (p) => p.url().includes('popup.html'));
  await worker.evaluate(async (u) => { const t = (await chrome.tabs.query({})).find((x) => x.url === u); await chrome.windows.create({ url: `popup.html?tab=${t.id}`, type: 'popup' }); }, pageUrl);
  const popup = await popupEvent;
  await popup.setViewportSize({ width: 380, height: 580 });
  await popup.locator('.card').first().waitFor();
  await popup.screenshot({ path: join(out, `popup-home-${scheme}.png`) });
  await popup.getByRole('button', { name: /^Facilities/ }).click();
  await popup.locator('.chip[data-item="screenshot"] img').waitFor();
  await popup.getByLabel(/^Subject/).fill('Room booking fails');
  await popup.getByRole('button', { name: 'Send', exact: true }).click();
  await popup.locator('.field__error').first().waitFor();
  await popup.screenshot({ path: join(out, `popup-form-${scheme}.png`) });
  await popup.locator('.context').scrollIntoViewIfNeeded();
  await popup.screenshot({ path: join(out, `popup-context-${scheme}.png`) });
  await popup.getByLabel(/^What do you need/).fill('The booking form fails.');
  await popup.getByLabel(/^Building/).selectOption('Lab');
  await popup.getByLabel(/^Room/).fill('2.14');
  await popup.getByRole('button', { name: 'Send', exact: true }).click();
  await popup.getByRole('heading', { name: /filed to/ }).waitFor();
  await popup.screenshot({ path: join(out, `popup-sent-${scheme}.png`) });
  await context.close();
}
site.close();
console.log(`screenshots in ${out}`);

#!/usr/bin/env node
// Screenshots of the popup (departments, form with context, confirmation) and the options
// page, light and dark, into .output/screenshots/ to look at. Needs the desk and e2e build.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureCatalog, configureDesk, launchWithExtension, openPopupFor, ROOT, serveSite } from './lib/chromium.mjs';

const dir = join(ROOT, '.output', 'e2e', 'chrome-mv3');
const out = join(ROOT, '.output', 'screenshots');
mkdirSync(out, { recursive: true });
const tokens = JSON.parse(readFileSync(join(ROOT, '.desk', 'tokens.json'), 'utf8'));
const site = await serveSite();
const pageUrl = `${site.url}?token=abc123def`;

for (const scheme of ['light', 'dark']) {
  const app = await launchWithExtension(dir, { colorScheme: scheme });
  const options = await configureDesk(app, 'http://127.0.0.1:18080', tokens.alice);
  await configureCatalog(app, JSON.parse(readFileSync(join(ROOT, 'scripts', 'demo-catalog.json'), 'utf8')));
  await options.reload();
  await options.locator('#desks[aria-busy="false"]').waitFor();
  await options.setViewportSize({ width: 900, height: 820 });
  await options.screenshot({ path: join(out, `options-${scheme}.png`), fullPage: true });
  const page = await app.context.newPage();
  await page.goto(pageUrl);
  await page.evaluate(() => { const r = document.createRange(); r.selectNodeContents(document.getElementById('quote')); getSelection().addRange(r); });
  const popup = await openPopupFor(app, pageUrl);
  await popup.setViewportSize({ width: 380, height: 580 });
  await popup.locator('.card').first().waitFor();
  await popup.screenshot({ path: join(out, `popup-home-${scheme}.png`) });
  await popup.getByLabel('Search departments and forms').fill('labtop');
  await popup.locator('.card__name', { hasText: 'IT' }).first().waitFor();
  await popup.screenshot({ path: join(out, `popup-search-${scheme}.png`) });
  await popup.getByLabel('Search departments and forms').fill('');
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
  const id = /#(\d+)/.exec(await popup.getByRole('heading', { name: /filed to/ }).textContent())[1];
  const root = { Authorization: `Basic ${Buffer.from('root:password').toString('base64')}`, 'Content-Type': 'application/json' };
  await fetch(`http://127.0.0.1:18080/REST/2.0/ticket/${id}/correspond`, {
    method: 'POST', headers: root, body: JSON.stringify({ Content: 'Thanks! Someone from Facilities will look at the form today.', ContentType: 'text/plain', Status: 'stalled' }),
  });
  await popup.getByRole('button', { name: /^My requests/ }).click();
  await popup.locator('.row--unseen').first().waitFor({ timeout: 15_000 });
  await popup.screenshot({ path: join(out, `popup-requests-${scheme}.png`) });
  await popup.locator('.row--unseen').first().click();
  await popup.locator('.message').nth(1).waitFor();
  await popup.getByLabel('Reply', { exact: true }).fill('Thank you! It is the 14:00 slot I need.');
  await popup.screenshot({ path: join(out, `popup-conversation-${scheme}.png`) });
  await app.context.close();
}
site.close();
console.log(`screenshots in ${out}`);

// Popup time-to-interactive: navigation start → the department list rendered from storage
// with the search box focused (the first usable frame), median of 20 opens, next to the
// same measure for an empty extension page in the same browser and run. Plus the initial
// popup JavaScript, raw and gzip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { configureDesk, launchWithExtension, ROOT } from '../scripts/lib/chromium.mjs';

const OPENS = 20;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Records performance.now() when `ready()` first holds, from inside the page. */
function probe(readyBody) {
  return `(() => {
    const ready = () => { ${readyBody} };
    const done = () => { if (window.instantDeskTti === undefined && ready()) { window.instantDeskTti = performance.now(); return true; } return false; };
    const obs = new MutationObserver(() => done() && obs.disconnect());
    document.addEventListener('readystatechange', () => done() && obs.disconnect());
    obs.observe(document, { childList: true, subtree: true, attributes: true });
    document.addEventListener('focusin', () => done() && obs.disconnect());
  })()`;
}

async function measure(app, path, readyBody) {
  const times = [];
  for (let i = 0; i < OPENS; i++) {
    const page = await app.context.newPage();
    await page.addInitScript(probe(readyBody));
    await page.goto(app.url(path));
    await page.waitForFunction(() => window.instantDeskTti !== undefined, null, { timeout: 10_000 });
    times.push(await page.evaluate(() => window.instantDeskTti));
    await page.close();
  }
  return times;
}

export function popupBytes(dir) {
  const html = readFileSync(join(dir, 'popup.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  for (const f of new Set(files)) {
    const buf = readFileSync(join(dir, f.replace(/^\//, '')));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip };
}

export async function run({ facts }) {
  const dir = join(ROOT, '.output', 'bench', 'chrome-mv3');
  const app = await launchWithExtension(dir);
  await configureDesk(app, facts.baseUrl, facts.tokens.alice);
  const popup = await measure(app, 'popup.html', "return document.querySelector('.card') && document.activeElement?.type === 'search';");
  const blank = await measure(app, 'blank.html', "return document.readyState !== 'loading' && document.body?.textContent.includes('blank');");
  await app.context.close();
  const bytes = popupBytes(dir);
  const p = median(popup);
  const b = median(blank);
  return [
    `popup time-to-interactive, median of ${OPENS}: ${p.toFixed(1)} ms (empty extension page: ${b.toFixed(1)} ms; ratio ${(p / b).toFixed(2)}×)`,
    `initial popup JavaScript: ${(bytes.raw / 1024).toFixed(1)} KiB raw, ${(bytes.gzip / 1024).toFixed(1)} KiB gzip (${bytes.files} files)`,
  ];
}

// Popup start-up against an empty extension page, interleaved in one browser and one run
// (popup, blank, popup, blank, …; who goes first alternates), median of OPENS each:
// - first usable frame: navigation start → department rows from storage on screen with the
//   search box focused (painted before React by entrypoints/popup/paint.ts);
// - React: navigation start → React rendered over that frame (#root[data-app="react"]);
// - the JavaScript the popup requested before its first frame, and before React took over,
//   raw and gzip, from the built files the page actually requested (resource timing).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchWithExtension, ROOT } from '../scripts/lib/chromium.mjs';
import { configureRt } from './support/setup.mjs';

const OPENS = Number(process.env.INSTANT_DESK_OPENS ?? 25);
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Records performance.now() when each named condition first holds, from inside the page. */
function probe(conditions) {
  const checks = Object.entries(conditions)
    .map(([name, body]) => `[${JSON.stringify(name)}, () => { ${body} }]`)
    .join(',');
  return `(() => {
    const marks = (window.instantDeskMarks = {});
    const checks = [${checks}];
    const done = () => {
      for (const [name, ok] of checks)
        if (marks[name] === undefined && ok()) {
          marks[name] = performance.now();
          window.instantDeskMark?.(name);
        }
      return checks.every(([name]) => marks[name] !== undefined);
    };
    const obs = new MutationObserver(() => done() && obs.disconnect());
    obs.observe(document, { childList: true, subtree: true, attributes: true });
    document.addEventListener('readystatechange', () => done() && obs.disconnect());
    document.addEventListener('focusin', () => done() && obs.disconnect());
  })()`;
}

const POPUP = {
  frame: "return Boolean(document.querySelector('.card')) && document.activeElement?.type === 'search';",
  react: "return document.getElementById('root')?.dataset.app === 'react' && Boolean(document.querySelector('.card')) && document.activeElement?.type === 'search';",
};
const BLANK = { frame: "return document.readyState !== 'loading' && Boolean(document.body?.textContent.includes('blank'));" };

/** One open: the marks, and the scripts requested before each (by path, with their start time). */
async function open(app, path, conditions) {
  const page = await app.context.newPage();
  // Extension pages list no resource timing for their own files: the scripts requested are seen
  // from here, in the order the browser reports them and the page's marks.
  const seen = [];
  page.on('request', (r) => r.url().endsWith('.js') && seen.push({ path: new URL(r.url()).pathname }));
  await page.exposeFunction('instantDeskMark', (name) => seen.push({ mark: name }));
  await page.addInitScript(probe(conditions));
  await page.goto(app.url(path));
  await page.waitForFunction((names) => names.every((n) => window.instantDeskMarks?.[n] !== undefined), Object.keys(conditions), { timeout: 15_000 });
  const marks = await page.evaluate(() => window.instantDeskMarks);
  await page.close();
  /** The scripts requested before `mark` was reached. */
  const before = (mark) => seen.slice(0, seen.findIndex((e) => e.mark === mark) >>> 0).flatMap((e) => (e.path ? [e.path] : []));
  return { marks, before, all: seen.flatMap((e) => (e.path ? [e.path] : [])) };
}

export function gzipOf(dir, paths) {
  let raw = 0;
  let gzip = 0;
  for (const p of new Set(paths)) {
    const buf = readFileSync(join(dir, p.replace(/^\//, '')));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { files: new Set(paths).size, raw, gzip };
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

export async function run({ facts }) {
  const dir = join(ROOT, '.output', 'bench', 'chrome-mv3');
  const app = await launchWithExtension(dir);
  try {
    await configureRt(app, facts.baseUrl, facts.tokens.alice);
    // The first open has no stored first frame: it renders with React and writes one.
    await open(app, 'popup.html', { react: POPUP.react });
    await new Promise((r) => setTimeout(r, 1000));
    await open(app, 'blank.html', BLANK);
    const popup = [];
    const blank = [];
    for (let i = 0; i < OPENS; i++) {
      const pair = [
        async () => popup.push(await open(app, 'popup.html', POPUP)),
        async () => blank.push(await open(app, 'blank.html', BLANK)),
      ];
      if (i % 2) pair.reverse();
      for (const step of pair) await step();
    }
    const p = median(popup.map((o) => o.marks.frame));
    const r = median(popup.map((o) => o.marks.react));
    const b = median(blank.map((o) => o.marks.frame));
    const last = popup[popup.length - 1];
    const first = gzipOf(dir, last.before('frame'));
    const react = gzipOf(dir, last.before('react'));
    const all = gzipOf(dir, last.all);
    return [
      `first usable frame, median of ${OPENS} interleaved: ${p.toFixed(1)} ms; empty extension page: ${b.toFixed(1)} ms; ratio ${(p / b).toFixed(2)}×`,
      `React rendered over it: ${r.toFixed(1)} ms (${(r / b).toFixed(2)}× the empty page)`,
      `first frame's JavaScript: ${kib(first.gzip)} gzip, ${kib(first.raw)} raw (${first.files} files)`,
      `JavaScript until React took over: ${kib(react.gzip)} gzip, ${kib(react.raw)} raw (${react.files} files); all views preloaded: ${kib(all.gzip)} gzip (${all.files} files)`,
    ];
  } finally {
    await app.context.close();
  }
}

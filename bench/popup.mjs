// Popup start-up against an empty extension page, interleaved in one browser and one run
// (popup, blank, popup, blank, …; who goes first alternates), median of OPENS each:
// - first usable frame on screen: navigation start → the frame that shows the department rows
//   from storage with the search box focused, as the browser painted it (Element Timing's
//   renderTime of the first row's name, tagged when the rows appear; the empty page's text is
//   tagged and timed the same way). The time the rows were in the DOM is reported too;
// - React: navigation start → React rendered over that frame (#root[data-app="react"]);
// - the files the popup requested before its first frame, and the JavaScript before it and
//   before React took over, raw and gzip, from the built files the page actually requested.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchWithExtension, ROOT } from '../scripts/lib/chromium.mjs';
import { configureRt } from './support/setup.mjs';

// 40: with 25 the ratio moved by ±0.15 between back-to-back runs (painted times come in 4 ms steps).
const OPENS = Number(process.env.INSTANT_DESK_OPENS ?? 40);
/** Between opens the extension is left alone this long: the service worker finishes what the last popup asked of it (as between a person's opens), instead of running into the next page's start. */
const GAP_MS = Number(process.env.INSTANT_DESK_OPEN_GAP_MS ?? 400);
/** The middle value; of an even count, the mean of the two middle ones. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Records performance.now() when each named condition first holds, from inside the page. Once
 * `frame` holds, the element `painted` names is tagged for Element Timing (again whenever it is
 * replaced before it was painted, as when React renders over a frame never shown) and the
 * browser's time for painting it is recorded (`painted`), the first contentful paint (`fcp`)
 * beside it.
 */
function probe(conditions, painted) {
  const checks = Object.entries(conditions)
    .map(([name, body]) => `[${JSON.stringify(name)}, () => { ${body} }]`)
    .join(',');
  return `(() => {
    const marks = (window.instantDeskMarks = {});
    const checks = [${checks}];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'instant-desk-frame') marks.painted ??= e.renderTime || e.loadTime;
    }).observe({ type: 'element', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') marks.fcp ??= e.startTime;
    }).observe({ type: 'paint', buffered: true });
    const done = () => {
      for (const [name, ok] of checks)
        if (marks[name] === undefined && ok()) {
          marks[name] = performance.now();
          window.instantDeskMark?.(name);
        }
      if (marks.frame !== undefined && marks.painted === undefined) {
        const el = document.querySelector(${JSON.stringify(painted)});
        if (el && !el.hasAttribute('elementtiming')) el.setAttribute('elementtiming', 'instant-desk-frame');
      }
      return checks.every(([name]) => marks[name] !== undefined) && (!marks.frame || marks.painted !== undefined);
    };
    const obs = new MutationObserver(() => done() && obs.disconnect());
    obs.observe(document, { childList: true, subtree: true, attributes: true });
    document.addEventListener('readystatechange', () => done() && obs.disconnect());
    document.addEventListener('focusin', () => done() && obs.disconnect());
  })()`;
}

const POPUP = {
  conditions: {
    frame: "return Boolean(document.querySelector('.card')) && document.activeElement?.type === 'search';",
    react: "return document.getElementById('root')?.dataset.app === 'react' && Boolean(document.querySelector('.card')) && document.activeElement?.type === 'search';",
  },
  painted: '.card .card__name',
};
const BLANK = { conditions: { frame: "return Boolean(document.body?.textContent.includes('blank'));" }, painted: 'p' };

/** One open: the marks, and the files requested before each (by path). */
async function open(app, path, { conditions, painted }) {
  const page = await app.context.newPage();
  // Extension pages list no resource timing for their own files: the scripts requested are seen
  // from here, in the order the browser reports them and the page's marks.
  const seen = [];
  page.on('request', (r) => /\.(js|css)$/.test(r.url()) && seen.push({ path: new URL(r.url()).pathname }));
  await page.exposeFunction('instantDeskMark', (name) => seen.push({ mark: name }));
  await page.addInitScript(probe(conditions, painted));
  await page.goto(app.url(path));
  await page.waitForFunction((names) => names.every((n) => window.instantDeskMarks?.[n] !== undefined), [...Object.keys(conditions), ...(conditions.frame ? ['painted'] : [])], { timeout: 15_000 });
  const marks = await page.evaluate(() => window.instantDeskMarks);
  await page.close();
  await new Promise((r) => setTimeout(r, GAP_MS));
  /** The files requested before `mark` was reached. */
  const before = (mark) => seen.slice(0, seen.findIndex((e) => e.mark === mark) >>> 0).flatMap((e) => (e.path ? [e.path] : []));
  return { marks, before, all: seen.flatMap((e) => (e.path ? [e.path] : [])) };
}

const scripts = (paths) => paths.filter((p) => p.endsWith('.js'));

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
  // INSTANT_DESK_BENCH_DIR: another build of the bench extension (an earlier commit's, to compare).
  const dir = process.env.INSTANT_DESK_BENCH_DIR ?? join(ROOT, '.output', 'bench', 'chrome-mv3');
  const app = await launchWithExtension(dir);
  try {
    await configureRt(app, facts.baseUrl, facts.tokens.alice);
    // The first open has no stored first frame: it renders with React and writes one.
    await open(app, 'popup.html', { conditions: { react: POPUP.conditions.react }, painted: POPUP.painted });
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
    const at = (opens, mark) => median(opens.map((o) => o.marks[mark]));
    /** The middle half of the opens: where a quarter of them were faster, and where a quarter slower. */
    const spread = (opens, mark) => {
      const xs = opens.map((o) => o.marks[mark]).sort((x, y) => x - y);
      return `${xs[Math.floor(xs.length / 4)].toFixed(0)}-${xs[Math.floor((xs.length * 3) / 4)].toFixed(0)} ms`;
    };
    const [p, b] = [at(popup, 'painted'), at(blank, 'painted')];
    const [pd, bd] = [at(popup, 'frame'), at(blank, 'frame')];
    const r = at(popup, 'react');
    // A popup that painted something else first (fcp before its rows were there) is counted.
    const other = popup.filter((o) => o.marks.fcp < o.marks.frame).length;
    const last = popup[popup.length - 1];
    const files = last.before('frame');
    const first = gzipOf(dir, scripts(files));
    const react = gzipOf(dir, scripts(last.before('react')));
    const all = gzipOf(dir, scripts(last.all));
    return [
      `first usable frame on screen (painted), median of ${OPENS} interleaved: ${p.toFixed(1)} ms; empty extension page: ${b.toFixed(1)} ms; ratio ${(p / b).toFixed(2)}× (middle half: ${spread(popup, 'painted')} against ${spread(blank, 'painted')})`,
      `  in the DOM (rows there, search box focused): ${pd.toFixed(1)} ms; empty page's text: ${bd.toFixed(1)} ms; ratio ${(pd / bd).toFixed(2)}×; opens that painted something else first: ${other}`,
      `React rendered over it: ${r.toFixed(1)} ms (${(r / b).toFixed(2)}× the empty page painted)`,
      `files requested before the first frame: ${files.length ? files.join(', ') : 'none'}`,
      `first frame's JavaScript: ${kib(first.gzip)} gzip, ${kib(first.raw)} raw (${first.files} files)`,
      `JavaScript until React took over: ${kib(react.gzip)} gzip, ${kib(react.raw)} raw (${react.files} files); all views preloaded: ${kib(all.gzip)} gzip (${all.files} files)`,
    ];
  } finally {
    await app.context.close();
  }
}

// Memory of the extension's processes (the extension renderer that runs the service worker and
// the popup pages) after the first popup open and after OPENS more, each opened until React
// took over and closed; proportional set size (PSS) read from /proc, Linux only. The same for
// the empty extension page in a fresh browser, as the control: what the browser keeps anyway.
// Beside the PSS, what could hold a closed popup: the main thread's JavaScript heap (every
// extension page's, the keeper's included) and its DOM counters (documents, nodes, listeners),
// and the service worker's JavaScript heap, each after a full garbage collection (CDP).
//
// Playwright watches a service worker's network (Network.enable on its target), and DevTools
// then keeps the body of every response the worker fetched, in this very process, for
// Network.getResponseBody: the desk's answers to the syncs a popup asks for, ~150 KiB an open,
// which no user's browser keeps (issue #13). Turned off here (PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK)
// so the figures are the extension's own.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { launchWithExtension, ROOT } from '../scripts/lib/chromium.mjs';
import { configureRt } from './support/setup.mjs';

// INSTANT_DESK_MEMORY_OPENS: more opens, to see whether a growth levels off.
const OPENS = Number(process.env.INSTANT_DESK_MEMORY_OPENS ?? 100);

const cmdline = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
};
const processes = () =>
  readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map((p) => ({ pid: Number(p), args: cmdline(p) }));
/** A process's proportional set size in KiB (0 when it is gone). */
export const pss = (pid) => {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

/** The extension processes of the browser that loaded `dir` (its renderers share its profile): PIDs and their PSS in KiB. */
function extensionProcesses(dir) {
  const procs = processes();
  const browser = procs.find((p) => p.args.includes(`--load-extension=${dir}`) && !p.args.some((a) => a.startsWith('--type=')));
  const profile = browser?.args.find((a) => a.startsWith('--user-data-dir='));
  const ext = profile ? extensionRenderers(profile, procs) : [];
  return { pids: ext, kib: ext.reduce((n, p) => n + pss(p), 0) };
}

/** The extension renderers of the browser whose `--user-data-dir=…` flag is `profileFlag`. */
export function extensionRenderers(profileFlag, procs = processes()) {
  // A renderer rewrites its command line into one string: matched by words, not by arguments.
  return procs.filter((p) => p.args.join(' ').split(' ').includes(profileFlag) && p.args.join(' ').includes(' --extension-process')).map((p) => p.pid);
}

const PAGES = {
  popup: { path: 'popup.html', ready: '#root[data-app="react"] .card' },
  'empty page': { path: 'blank.html', ready: 'p' },
};

async function openPage(app, { path, ready }) {
  const page = await app.context.newPage();
  await page.goto(app.url(path));
  await page.locator(ready).first().waitFor({ timeout: 15_000 });
  await page.close();
}

const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;

/** The service worker's used JS heap in bytes after a full garbage collection. */
async function workerHeap(app) {
  const port = readFileSync(join(app.profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  try {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${app.id}/`));
    const cdp = await target.createCDPSession();
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await browser.disconnect();
  }
}

async function measure(facts, dir, which) {
  const watched = process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK;
  // Read by Playwright whenever it attaches to a service worker (a restarted one too): set for the whole run.
  process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  const app = await launchWithExtension(dir, { args: ['--remote-debugging-port=0'] });
  try {
    await configureRt(app, facts.baseUrl, facts.tokens.alice);
    // An extension page kept open to ask the extension process's V8 for a full garbage
    // collection before each reading: what is left is held, not merely not yet collected.
    const keeper = await app.context.newPage();
    await keeper.goto(app.url('blank.html'));
    const cdp = await app.context.newCDPSession(keeper);
    const settled = async () => {
      await new Promise((r) => setTimeout(r, 1000));
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      await new Promise((r) => setTimeout(r, 1000));
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      return { ...extensionProcesses(dir), heap: usedSize, dom };
    };
    await openPage(app, which);
    const first = await settled();
    const heapFirst = await workerHeap(app);
    const samples = [];
    for (let i = 1; i <= OPENS; i++) {
      await openPage(app, which);
      if (i % 25 === 0) samples.push((await settled()).kib);
    }
    const after = await settled();
    return { first, after, samples, heap: [heapFirst, await workerHeap(app)] };
  } finally {
    await app.context.close();
    if (watched === undefined) delete process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK;
    else process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = watched;
  }
}

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const counters = ({ documents, nodes, jsEventListeners }) => `${documents} documents, ${nodes} nodes, ${jsEventListeners} listeners`;

export async function run({ facts }) {
  const dir = join(ROOT, '.output', 'bench', 'chrome-mv3');
  const lines = [];
  for (const [name, which] of Object.entries(PAGES)) {
    const { first, after, samples, heap } = await measure(facts, dir, which);
    // Growth per open: over all OPENS, and from the 25th open on (the first ones warm caches up).
    const all = (after.kib - first.kib) / OPENS;
    const late = ((samples.at(-1) ?? after.kib) - (samples[0] ?? first.kib)) / (OPENS - 25);
    lines.push(
      `${name}: extension process PSS after the first open ${mib(first.kib)}, after ${OPENS} more ${mib(after.kib)} (every 25: ${samples.map(mib).join(', ')}); ` +
        `growth per open ${all.toFixed(0)} KiB (${late.toFixed(0)} KiB from the 25th open on)`,
    );
    lines.push(`  main thread JS heap after GC: ${kib(first.heap)} after the first open, ${kib(after.heap)} after ${OPENS} more: ${((after.heap - first.heap) / OPENS).toFixed(0)} bytes per open`);
    lines.push(`  main thread DOM (the keeper page's own included): ${counters(first.dom)} after the first open; ${counters(after.dom)} after ${OPENS} more`);
    lines.push(`  service worker JS heap after GC: ${kib(heap[0])} after the first open, ${kib(heap[1])} after ${OPENS} more: ${((heap[1] - heap[0]) / OPENS).toFixed(0)} bytes per open`);
  }
  return lines;
}

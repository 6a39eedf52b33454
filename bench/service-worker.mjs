// Service worker cold start: the worker stopped (CDP ServiceWorker.stopAllWorkers), then the
// time from an extension page sending a message to its answer, median of RUNS; next to the
// same message answered by a running worker.
import { join } from 'node:path';
import { launchWithExtension, ROOT } from '../scripts/lib/chromium.mjs';
import { median } from './popup.mjs';
import { configureRt } from './support/setup.mjs';

const RUNS = 15;
const MESSAGE = { channel: 'instant-desk', name: 'prefs.get', request: {} };

/** Milliseconds from sending MESSAGE to its answer, timed in the page. */
const ask = (page) =>
  page.evaluate(async (message) => {
    const start = performance.now();
    const answer = await chrome.runtime.sendMessage(message);
    if (!answer?.ok) throw new Error(`no answer: ${JSON.stringify(answer)}`);
    return performance.now() - start;
  }, MESSAGE);

export async function run({ facts }) {
  const app = await launchWithExtension(join(ROOT, '.output', 'bench', 'chrome-mv3'));
  try {
    await configureRt(app, facts.baseUrl, facts.tokens.alice);
    const page = await app.context.newPage();
    await page.goto(app.url('blank.html'));
    const cdp = await app.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const running = new Map();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) running.set(v.versionId, v.runningStatus);
    });
    const stopped = async () => {
      for (let i = 0; i < 100 && [...running.values()].some((s) => s !== 'stopped'); i++) await new Promise((r) => setTimeout(r, 20));
    };
    const cold = [];
    const warm = [];
    for (let i = 0; i < RUNS; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped();
      cold.push(await ask(page));
      warm.push(await ask(page));
    }
    return [
      `service worker cold start to first message answered, median of ${RUNS}: ${median(cold).toFixed(1)} ms (min ${Math.min(...cold).toFixed(1)}, max ${Math.max(...cold).toFixed(1)}); running worker: ${median(warm).toFixed(1)} ms`,
    ];
  } finally {
    await app.context.close();
  }
}
